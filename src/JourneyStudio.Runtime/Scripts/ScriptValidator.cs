using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Catalog.Nodes;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Journeys.Scripts;
using JourneyStudio.Journeys.Validation;

namespace JourneyStudio.Runtime.Scripts;

/// <summary>
/// What validation says about the scripts a journey's Scripted Decision nodes run: missing, Groovy (kept, but not runnable
/// here), of another context, or not valid JavaScript (with the line). The journey validator knows nothing of stored
/// scripts, so these findings are added beside its own.
/// </summary>
public sealed class ScriptValidator(ScriptCompiler compiler, NodeCatalog catalog)
{
    public const string MissingCode = "script-missing";
    public const string NotRunnableCode = "script-not-runnable";
    public const string SyntaxErrorCode = "script-syntax-error";
    public const string ContextCode = "script-context";

    public IReadOnlyList<ValidationFinding> Validate(Journey journey, IReadOnlyDictionary<string, StoredScript> scripts)
    {
        var findings = new List<ValidationFinding>();
        if (catalog.Find(NodeTypeIds.ScriptedDecision) is not ScriptedDecisionDescriptor descriptor) return findings;
        foreach (var node in journey.AllNodes().Where(n => n.NodeType == NodeTypeIds.ScriptedDecision))
        {
            var id = descriptor.Bind(node.Config).Script;
            if (id.Length == 0) continue; // the descriptor's required-property check reports it
            if (!scripts.TryGetValue(id, out var stored))
            {
                findings.Add(new ValidationFinding(FindingSeverity.Error, MissingCode,
                    $"Scripted Decision \"{node.DisplayName}\" runs the script '{id}', which does not exist; import it or pick another.", node.Id));
                continue;
            }
            findings.AddRange(Check(stored.Script, node));
        }
        return findings;
    }

    /// <summary>The problems of one script, for a node (or for the script alone when <paramref name="node"/> is null).</summary>
    public IEnumerable<ValidationFinding> Check(ScriptDefinition script, JourneyNode? node = null)
    {
        var where = node is null ? $"The script '{script.Name}'" : $"Scripted Decision \"{node.DisplayName}\": the script '{script.Name}'";
        if (!script.IsJavaScript)
        {
            yield return new ValidationFinding(FindingSeverity.Error, NotRunnableCode,
                $"{where} is {script.Language}, which JourneyStudio keeps but cannot run; rewrite it in JavaScript.", node?.Id);
            yield break;
        }
        if (script.Context != ScriptDefinition.DecisionNodeContext && !script.Context.StartsWith("SCRIPTED_DECISION_NODE", StringComparison.Ordinal))
            yield return new ValidationFinding(FindingSeverity.Warning, ContextCode,
                $"{where} has the context {script.Context}, not {ScriptDefinition.DecisionNodeContext}; AM would not run it in this node.", node?.Id);
        var compilation = compiler.Compile(script.Source, script.Name);
        if (!compilation.Succeeded)
            yield return new ValidationFinding(FindingSeverity.Error, SyntaxErrorCode,
                $"{where} is not valid JavaScript at line {compilation.ErrorLine}: {compilation.Error}", node?.Id);
    }
}
