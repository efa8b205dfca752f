using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Catalog.Nodes;
using JourneyStudio.Runtime.BruteForce;
using JourneyStudio.Runtime.Callbacks;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Identities;
using JourneyStudio.Runtime.SelfService;

namespace JourneyStudio.Runtime.Nodes;

/// <summary>
/// KBA Verification: sends one PasswordCallback per security question of the journey's user (the question as its prompt),
/// then checks the answers, each without regard to case or surrounding spaces, through the brute-force guard.
/// <c>true</c> when every answer matches; <c>false</c> for a wrong answer, a user without questions, or none identified.
/// An empty answer asks again.
/// </summary>
public sealed class KbaVerifyNodeProcessor(ManagedUserAttributes users, ISelfServiceContent content, ICredentialGuard guard) : INodeProcessor<KbaVerifyConfig>
{
    public string TypeId => NodeTypeIds.KbaVerify;

    public async ValueTask<NodeResult> ProcessAsync(NodeContext context, KbaVerifyConfig config)
    {
        if (await JourneyUser.FindAsync(context, users, config.IdentityAttribute) is not { } user)
            return NodeResult.Goto(KbaVerifyDescriptor.FalseOutcome);
        var questions = await users.KbaQuestionsAsync(user.UserName, context.CancellationToken);
        if (questions.Count == 0) return NodeResult.Goto(KbaVerifyDescriptor.FalseOutcome);

        var predefined = await content.GetQuestionsAsync(context.CancellationToken);
        var prompts = questions.Select(q => Callback.Password(KbaQuestions.TextOf(predefined, q.QuestionId, q.CustomQuestion))).ToArray();
        var submitted = context.Callbacks?.Where(c => c.Type == Callback.PasswordType).ToList();
        if (submitted is null || submitted.Count != prompts.Length || submitted.Any(c => string.IsNullOrWhiteSpace(c.GetInputString())))
            return NodeResult.Send(prompts);

        var answers = submitted.Select((c, i) => (i, c.GetInputString()!)).ToDictionary(a => a.i, a => a.Item2);
        var verdict = await guard.CheckAsync(
            new CredentialAttempt(CredentialAudience.EndUser, CredentialKind.SecurityAnswer, user.UserName, context.Request.RemoteIpAddress),
            ct => users.VerifyKbaAnswersAsync(user.UserName, answers, ct),
            cancellationToken: context.CancellationToken);
        return NodeResult.Goto(KbaVerifyDescriptor.Decide(verdict == CredentialVerdict.Accepted));
    }
}
