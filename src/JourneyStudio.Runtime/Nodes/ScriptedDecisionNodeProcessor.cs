using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Catalog.Nodes;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Scripts;
using Microsoft.Extensions.Logging;

namespace JourneyStudio.Runtime.Nodes;

/// <summary>
/// Scripted Decision: runs the configured script with AM's bindings (legacy for evaluator 1.0, next-generation for 2.0) and
/// sends the callbacks it builds or takes the outcome it sets. A script that fails (an error, a sandbox limit, no outcome,
/// an outcome the node does not list) fails the sign-on; the log and the run record name the script and the line.
/// </summary>
public sealed partial class ScriptedDecisionNodeProcessor(
    IScriptSource scripts,
    ScriptRunner runner,
    IScriptIdentities identities,
    ILogger<ScriptedDecisionNodeProcessor> logger) : INodeProcessor<ScriptedDecisionConfig>
{
    public string TypeId => NodeTypeIds.ScriptedDecision;

    public async ValueTask<NodeResult> ProcessAsync(NodeContext context, ScriptedDecisionConfig config)
    {
        if (config.Script.Length == 0) throw new NodeProcessException("Scripted Decision: no script is configured.");
        try
        {
            var stored = await scripts.FindAsync(config.Script, context.CancellationToken)
                ?? throw new ScriptFailureException(ScriptFailureKind.ScriptMissing, config.Script, null, "there is no script with this id.");

            var decision = runner.Run(new ScriptInvocation
            {
                Script = stored.Script,
                SharedState = context.SharedState,
                TransientState = context.TransientState,
                Realm = context.Realm == "root" ? "/" : "/" + context.Realm,
                RequestHeaders = context.Request.Headers.ToDictionary(h => h.Key, h => (IReadOnlyList<string>)[h.Value], StringComparer.OrdinalIgnoreCase),
                RequestParameters = context.Request.Parameters,
                ExistingSession = context.Request.ExistingSession,
                Callbacks = context.Callbacks,
                // Looked up when the script asks, for any username: most scripts never touch idRepository.
                FindIdentity = identities.Find,
                CancellationToken = context.CancellationToken,
            });

            if (decision.Outcome is { } outcome && !config.Outcomes.Contains(outcome, StringComparer.Ordinal))
                throw new ScriptFailureException(ScriptFailureKind.UnknownOutcome, stored.Script.Name, null,
                    $"it chose the outcome '{outcome}', which the node does not list (its outcomes: {string.Join(", ", config.Outcomes)}).");
            if (identities.Check(decision.IdentityWrites) is { } refused)
                throw new ScriptFailureException(ScriptFailureKind.RuntimeError, stored.Script.Name, null, refused);

            Replace(context.SharedState, decision.SharedState);
            Replace(context.TransientState, decision.TransientState);
            if (decision.IdentityWrites.Count > 0 && await identities.ApplyAsync(decision.IdentityWrites, context.CancellationToken) is { } failed)
                throw new ScriptFailureException(ScriptFailureKind.RuntimeError, stored.Script.Name, null, failed);
            foreach (var type in decision.NodeTypes.Where(t => t.Length > 0)) context.AddAuthType(type);
            foreach (var (key, value) in decision.SessionProperties.Where(p => p.Key.Length > 0))
            {
                if (value is null) context.RemoveSessionProperty(key);
                else context.PutSessionProperty(key, value);
            }
            var result = decision.Callbacks is { } callbacks ? NodeResult.Send(callbacks) : NodeResult.Goto(decision.Outcome!);
            return result.With(decision.ErrorMessage, decision.Header, decision.Description, decision.Stage);
        }
        catch (ScriptFailureException e)
        {
            LogScriptFailed(e, e.ScriptName, e.Line, e.Kind, context.JourneyName, context.Node.Id, e.Detail);
            throw new NodeProcessException(e.Message, e);
        }
    }

    private static void Replace(System.Text.Json.Nodes.JsonObject target, System.Text.Json.Nodes.JsonObject values)
    {
        target.Clear();
        foreach (var (key, value) in values.ToList())
        {
            values.Remove(key);
            target[key] = value;
        }
    }

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Script {Script} (line {Line}) failed with {Failure} in journey {Journey}, node {NodeId}: {Detail}")]
    private partial void LogScriptFailed(Exception exception, string script, int? line, ScriptFailureKind failure, string journey, string nodeId, string detail);
}
