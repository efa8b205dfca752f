using System.Text.Json.Nodes;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Catalog.Nodes;
using JourneyStudio.Runtime.Callbacks;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.SelfService;
using Microsoft.Extensions.Options;

namespace JourneyStudio.Runtime.Nodes;

/// <summary>
/// KBA Definition: as many KbaCreateCallbacks as the user must define answers (<see cref="KbaOptions.MinimumAnswersToDefine"/>),
/// each offering the predefined questions (and, with <c>allowUserDefinedQuestions</c>, a question of the user's own). A question
/// that is a predefined one's text is stored by id, another as <c>customQuestion</c>:
/// transient <c>objectAttributes.kbaInfo</c> = <c>[{"questionId","answer"} | {"customQuestion","answer"}]</c>, for Create or Patch
/// Object to save (the identity store hashes answers). Transient like the password: answers in the clear never enter the
/// stored sign-on state. A blank question or answer, the same question twice, or an own question where
/// none is allowed, asks again.
/// </summary>
public sealed class KbaCreateNodeProcessor(ISelfServiceContent content, IOptions<KbaOptions> options) : INodeProcessor<KbaCreateConfig>, IOptimisticNodeProcessor
{
    public const string KbaInfoKey = "kbaInfo";

    public string TypeId => NodeTypeIds.KbaCreate;

    public async ValueTask<NodeResult> ProcessAsync(NodeContext context, KbaCreateConfig config)
    {
        var questions = await content.GetQuestionsAsync(context.CancellationToken);
        if (questions.Count == 0 && !config.AllowUserDefinedQuestions)
            throw new NodeProcessException("KBA Definition: there are no predefined questions and user-defined questions are not allowed.");
        var count = Math.Max(1, options.Value.MinimumAnswersToDefine);

        var submitted = context.Callbacks?.Where(c => c.Type == Callback.KbaCreateType).ToList();
        if (submitted is { Count: > 0 } && submitted.Count == count && Read(submitted, questions, config) is { } answers)
        {
            context.TransientState.GetOrCreateObject(SharedStateKeys.ObjectAttributes)[KbaInfoKey] = answers;
            return NodeResult.Goto(KbaCreateDescriptor.Outcome);
        }
        var prompt = context.Localize(config.Message);
        return NodeResult.Send(Enumerable.Range(0, count)
            .Select(_ => Callback.KbaCreate(prompt, questions.Select(q => q.Question).ToList(), config.AllowUserDefinedQuestions)).ToList());
    }

    private static JsonArray? Read(IReadOnlyList<Callback> submitted, IReadOnlyList<KbaQuestion> questions, KbaCreateConfig config)
    {
        var answers = new JsonArray();
        var asked = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var callback in submitted)
        {
            var question = callback.GetInput(Callback.KbaQuestionSuffix) is { ValueKind: System.Text.Json.JsonValueKind.String } q ? q.GetString()!.Trim() : "";
            var answer = callback.GetInput(Callback.KbaAnswerSuffix) is { ValueKind: System.Text.Json.JsonValueKind.String } a ? a.GetString()!.Trim() : "";
            if (question.Length == 0 || answer.Length == 0 || !asked.Add(question)) return null;
            var predefined = questions.FirstOrDefault(p => string.Equals(p.Question, question, StringComparison.Ordinal));
            if (predefined is not null) answers.Add(new JsonObject { ["questionId"] = predefined.Id, ["answer"] = answer });
            else if (config.AllowUserDefinedQuestions) answers.Add(new JsonObject { ["customQuestion"] = question, ["answer"] = answer });
            else return null;
        }
        return answers;
    }
}

/// <summary>KBA settings (<c>JourneyStudio:Kba</c>), IDM's <c>selfservice.kba</c> defaults.</summary>
public sealed class KbaOptions
{
    public const string SectionName = "JourneyStudio:Kba";

    /// <summary>How many questions KBA Definition asks the user to answer (IDM's <c>minimumAnswersToDefine</c>).</summary>
    public int MinimumAnswersToDefine { get; set; } = 2;
}
