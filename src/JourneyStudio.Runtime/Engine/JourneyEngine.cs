using System.Text.Json.Nodes;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Catalog.Nodes;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Runtime.Callbacks;
using Microsoft.Extensions.Logging;

namespace JourneyStudio.Runtime.Engine;

/// <summary>
/// Runs journeys one request at a time. Stateless: it takes a <see cref="JourneySessionState"/> and the
/// submitted callbacks and returns the next step, success or failure together with the new state.
/// The flow semantics live here (wiring, Page nodes, Inner Tree Evaluators, loop bound); node decisions
/// live in the <see cref="INodeProcessor{TConfig}"/>s, each given its node's config bound by the node type's descriptor
/// in the <see cref="NodeCatalog"/>. Broken wiring and failing nodes end the journey as a
/// <see cref="JourneyFailure"/> with a logged reason; only cancellation escapes as an exception.
/// </summary>
public sealed partial class JourneyEngine
{
    private readonly Dictionary<string, INodeProcessor> _processors;
    private readonly IJourneyResolver _resolver;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly NodeCatalog _catalog;
    private readonly JourneyEngineOptions _options;

    /// <summary>Keeps transient state across a suspension; without it (hand-built engines) a suspension drops it.</summary>
    private readonly SecureStateProtector? _secureState;

    /// <exception cref="ArgumentException">
    /// Two processors claim one type id, or a processor's type has no descriptor in <paramref name="catalog"/> or expects
    /// another config record than the descriptor binds: a processor must run exactly what its descriptor describes.
    /// </exception>
    public JourneyEngine(
        IEnumerable<INodeProcessor> processors,
        IJourneyResolver resolver,
        ILogger<JourneyEngine> logger,
        TimeProvider? timeProvider = null,
        NodeCatalog? catalog = null,
        JourneyEngineOptions? options = null,
        SecureStateProtector? secureState = null)
    {
        _catalog = catalog ?? NodeCatalog.Default;
        _processors = new Dictionary<string, INodeProcessor>(StringComparer.Ordinal);
        foreach (var processor in processors)
        {
            if (!_processors.TryAdd(processor.TypeId, processor))
                throw new ArgumentException($"Two node processors claim the type id '{processor.TypeId}'.", nameof(processors));
            var descriptor = _catalog.Find(processor.TypeId)
                ?? throw new ArgumentException($"The processor {processor.GetType().Name} runs '{processor.TypeId}', which has no descriptor in the node catalogue.", nameof(processors));
            if (descriptor.ConfigType != processor.ConfigType)
                throw new ArgumentException(
                    $"The processor {processor.GetType().Name} expects {processor.ConfigType.Name}, but the descriptor of '{processor.TypeId}' binds {descriptor.ConfigType.Name}.",
                    nameof(processors));
        }
        _resolver = resolver;
        _logger = logger;
        _time = timeProvider ?? TimeProvider.System;
        _options = options ?? new JourneyEngineOptions();
        _secureState = secureState;
    }

    /// <summary>
    /// Starts the live revision of <paramref name="journeyName"/> in <paramref name="realm"/> (e.g. <c>alpha</c>), or the
    /// given <paramref name="revision"/> (a preview of a draft).
    /// </summary>
    public async ValueTask<JourneyRunResult> StartAsync(string journeyName, string realm, JourneyRequestInfo? request = null, CancellationToken cancellationToken = default,
        int? revision = null)
    {
        var resolved = await _resolver.ResolveAsync(journeyName, revision, cancellationToken);
        if (resolved is null)
        {
            var now = _time.GetUtcNow();
            return Fail(new JourneySessionState { JourneyName = journeyName, Revision = 0, Realm = realm, StartedAt = now, UpdatedAt = now },
                $"Journey '{journeyName}' does not exist.");
        }
        return await StartAsync(resolved, realm, request, cancellationToken);
    }

    /// <summary>Starts <paramref name="journey"/>, already loaded by the caller (the live revision, or a previewed draft), in <paramref name="realm"/>.</summary>
    public async ValueTask<JourneyRunResult> StartAsync(ResolvedJourney journey, string realm, JourneyRequestInfo? request = null, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        var state = new JourneySessionState
        {
            JourneyName = journey.Journey.Name,
            Revision = journey.Revision,
            Realm = realm,
            StartedAt = now,
            UpdatedAt = now,
        };
        if (!journey.Journey.Settings.Enabled)
            return Fail(state, $"Journey '{state.JourneyName}' is disabled.");
        if (journey.Journey.Settings.InnerTreeOnly)
            return Fail(state, $"Journey '{state.JourneyName}' can only run inside an Inner Tree Evaluator.");

        state.SharedState[SharedStateKeys.Realm] = realm == "root" ? "/" : "/" + realm;
        state = state with { CurrentNodeId = journey.Journey.EntryNodeId };
        // A sign-on that is only being created cannot be submitted by anyone else: its claim is held.
        return await RunAsync(state, journey.Journey, null, request ?? JourneyRequestInfo.Empty, HeldStepClaim.Instance, cancellationToken);
    }

    /// <summary>
    /// Continues a sign-on with the client's answers to <see cref="JourneySessionState.PendingCallbacks"/>
    /// (as produced by <see cref="StepSerializer.Parse(string, IReadOnlyList{Callback})"/>), loading its pinned revision;
    /// the step counts as claimed. The given state is not changed; the result carries the new one.
    /// </summary>
    public async ValueTask<JourneyRunResult> ContinueAsync(JourneySessionState state, IReadOnlyList<Callback> submitted, JourneyRequestInfo? request = null, CancellationToken cancellationToken = default)
    {
        var resolved = await _resolver.ResolveAsync(state.JourneyName, state.Revision, cancellationToken);
        return await ContinueAsync(state, resolved, submitted, HeldStepClaim.Instance, request, cancellationToken);
    }

    /// <summary>
    /// Continues a sign-on on <paramref name="journey"/> (its pinned revision, loaded by the caller; null when it is gone).
    /// Nodes that are not <see cref="IOptimisticNodeProcessor"/>s, completion handlers, and optimistic nodes that ask for it
    /// run only after <paramref name="claim"/> is claimed; when another submission holds it, <see cref="StepClaimLostException"/>
    /// passes out of here and the run's result must be dropped.
    /// </summary>
    public async ValueTask<JourneyRunResult> ContinueAsync(JourneySessionState state, ResolvedJourney? journey, IReadOnlyList<Callback> submitted,
        IStepClaim claim, JourneyRequestInfo? request = null, CancellationToken cancellationToken = default)
    {
        state = state.DeepClone();
        if (state.Status != JourneySessionStatus.InProgress)
            return Fail(state, $"This sign-on through journey '{state.JourneyName}' has already ended.");
        if (submitted.Count != state.PendingCallbacks.Count
            || submitted.Where((c, i) => c.Type != state.PendingCallbacks[i].Type).Any())
            return Fail(state, "The submitted callbacks do not match the step that was sent.");

        if (journey is null)
            return Fail(state, $"Journey '{state.JourneyName}' revision {state.Revision} is no longer available.");
        return await RunAsync(state, journey.Journey, submitted.Count == 0 ? null : submitted, request ?? JourneyRequestInfo.Empty, claim, cancellationToken);
    }

    private async ValueTask<JourneyRunResult> RunAsync(JourneySessionState state, Journey journey, IReadOnlyList<Callback>? submitted, JourneyRequestInfo request,
        IStepClaim claim, CancellationToken cancellationToken)
    {
        var startedAt = _time.GetTimestamp();
        var sharedBefore = (JsonObject)state.SharedState.DeepClone();
        var visitedBefore = state.VisitedPath.Count;
        var run = new Run
        {
            Claim = claim,
            Realm = state.Realm,
            Request = request,
            SharedState = state.SharedState,
            Visited = state.VisitedPath.ToList(),
            AuthTypes = state.AuthTypes.ToList(),
            SessionProperties = new Dictionary<string, string>(state.SessionProperties, StringComparer.Ordinal),
            ErrorMessage = state.ErrorMessage,
            CancellationToken = cancellationToken,
        };
        run.Journeys[journey.Name] = journey;

        var frames = new List<Frame>
        {
            new() { JourneyName = state.JourneyName, Revision = state.Revision, Journey = journey, CurrentNodeId = state.CurrentNodeId, PageCallbackOwners = state.PageCallbackOwners },
        };
        foreach (var inner in state.InnerJourneys)
        {
            var child = await _resolver.ResolveAsync(inner.JourneyName, inner.Revision, cancellationToken);
            if (child is null)
                return Fail(state, $"Inner journey '{inner.JourneyName}' revision {inner.Revision} is no longer available.");
            run.Journeys.TryAdd(inner.JourneyName, child.Journey);
            frames.Add(new Frame
            {
                JourneyName = inner.JourneyName, Revision = inner.Revision, Journey = child.Journey,
                CurrentNodeId = inner.CurrentNodeId, PageCallbackOwners = inner.PageCallbackOwners, HostNodeId = inner.HostNodeId,
            });
        }

        // Transient state lives for this request only: it starts empty and is dropped with `run` — except across a
        // suspension, where AM keeps it as secure state: the resume link's request starts with what was there.
        var transient = state.SecureState is { } secured && _secureState?.Unprotect(secured) is { } restored ? restored : new JsonObject();
        var result = await RunFrameAsync(0, frames, submitted, transient, run);
        var now = _time.GetUtcNow();
        var root = frames[0];
        var next = state with
        {
            CurrentNodeId = root.CurrentNodeId,
            PageCallbackOwners = root.PageCallbackOwners,
            InnerJourneys = frames.Skip(1).Select(f => new InnerJourneyFrame
            {
                HostNodeId = f.HostNodeId!, JourneyName = f.JourneyName, Revision = f.Revision,
                CurrentNodeId = f.CurrentNodeId, PageCallbackOwners = f.PageCallbackOwners,
            }).ToList(),
            SharedState = run.SharedState,
            VisitedPath = run.Visited,
            AuthTypes = run.AuthTypes,
            SessionProperties = run.SessionProperties,
            ErrorMessage = run.ErrorMessage,
            UpdatedAt = now,
            SecureState = null,
        };

        StepTrace Trace(JourneySessionStatus status, string? reason = null, IReadOnlyList<Callback>? sent = null) => new()
        {
            At = now,
            DurationMs = Math.Round(_time.GetElapsedTime(startedAt).TotalMilliseconds, 2),
            Answers = (submitted ?? []).Take(StepTrace.MaxItems).Select(c => StepTrace.Describe(c, answer: true)).ToList(),
            Outcomes = run.Visited.Skip(visitedBefore).Take(StepTrace.MaxItems)
                .Select(v => new TracedOutcome(v.JourneyName, v.NodeId, v.Outcome, ReferenceEquals(v, run.Unwired))).ToList(),
            SharedStateChanges = StepTrace.Changes(sharedBefore, run.SharedState).Take(StepTrace.MaxItems).ToList(),
            WaitingAt = sent is null ? null : new TracedNodeRef(frames[^1].JourneyName, frames[^1].CurrentNodeId),
            Sent = (sent ?? []).Take(StepTrace.MaxItems).Select(c => StepTrace.Describe(c, answer: false)).ToList(),
            Status = status,
            FailureReason = reason is null ? null : StepTrace.Short(reason),
            Truncated = Math.Max(0, (submitted?.Count ?? 0) - StepTrace.MaxItems) + Math.Max(0, (sent?.Count ?? 0) - StepTrace.MaxItems)
                + Math.Max(0, run.Visited.Count - visitedBefore - StepTrace.MaxItems),
        };

        switch (result)
        {
            case StepSent step:
                return new JourneyStep
                {
                    // The session keeps what it needs to match the answer, not one-time secrets shown to the user.
                    State = next with
                    {
                        PendingCallbacks = step.Callbacks.Select(c => c.WithoutSecretOutputs()).ToList(), SuspendedUntil = step.SuspendedUntil,
                        SecureState = step.SuspendedUntil is not null && run.SuspendedTransient is { Count: > 0 } kept ? _secureState?.Protect(kept) : null,
                    },
                    Trace = Trace(JourneySessionStatus.InProgress, sent: step.Callbacks),
                    Callbacks = step.Callbacks,
                    Header = step.Header,
                    Description = step.Description,
                    Stage = step.Stage,
                    SuspendedUntil = step.SuspendedUntil,
                };
            case Ended { Success: true }:
                await NotifyCompletionAsync(run, true, journey);
                return new JourneySuccess
                {
                    State = next with { Status = JourneySessionStatus.Succeeded, PendingCallbacks = [], InnerJourneys = [], PageCallbackOwners = null, SuspendedUntil = null },
                    Trace = Trace(JourneySessionStatus.Succeeded),
                    Username = SharedText(run.SharedState, SharedStateKeys.Username),
                    AuthTypes = run.AuthTypes,
                    SessionProperties = run.SessionProperties,
                    SuccessUrl = SharedText(run.SharedState, SharedStateKeys.SuccessUrl) is { Length: > 0 } url ? url : null,
                };
            case Ended ended:
                await NotifyCompletionAsync(run, false, journey);
                return new JourneyFailure
                {
                    State = next with
                    {
                        Status = JourneySessionStatus.Failed, PendingCallbacks = [], InnerJourneys = [], PageCallbackOwners = null,
                        FailureReason = ended.Reason, SuspendedUntil = null,
                    },
                    Trace = Trace(JourneySessionStatus.Failed, ended.Reason),
                    Reason = ended.Reason!,
                    ClientMessage = run.ErrorMessage,
                };
            default:
                throw new InvalidOperationException($"Unexpected frame result {result}.");
        }
    }

    /// <summary>Runs the journey of <c>frames[level]</c> from its current node until it needs input or ends.</summary>
    private async ValueTask<FrameResult> RunFrameAsync(int level, List<Frame> frames, IReadOnlyList<Callback>? submitted, JsonObject transient, Run run)
    {
        var frame = frames[level];
        var nodeId = frame.CurrentNodeId;
        // Only the node that sent the last step gets the submitted callbacks; every later node starts fresh.
        var resumed = submitted;
        while (true)
        {
            if (nodeId == StaticNodeIds.Success) { frame.CurrentNodeId = nodeId; return new Ended(true, null, false); }
            if (nodeId == StaticNodeIds.Failure) { frame.CurrentNodeId = nodeId; return new Ended(false, $"Journey '{frame.JourneyName}' reached the Failure node.", false); }
            if (string.IsNullOrEmpty(nodeId))
                return Error(frame, null, $"Journey '{frame.JourneyName}' has no entry node; connect Start to a node.");

            var node = TopLevelNode(frame.Journey, nodeId);
            if (node is null)
                return Error(frame, null, $"Journey '{frame.JourneyName}' has no node '{nodeId}'.");
            if (CountVisit(run) is { } loop)
                return Error(frame, node, loop);

            var result = node.NodeType switch
            {
                NodeCatalog.PageNodeType => await RunPageAsync(frame, node, resumed, transient, run),
                NodeCatalog.InnerTreeNodeType => await RunInnerJourneyAsync(level, frames, node, resumed, transient, run),
                _ => await RunNodeAsync(frame, node, resumed, transient, run),
            };
            resumed = null;

            switch (result)
            {
                case StepSent step:
                    frame.CurrentNodeId = nodeId;
                    frame.PageCallbackOwners = step.PageCallbackOwners;
                    return step;
                case Ended ended:
                    frame.CurrentNodeId = nodeId;
                    return ended;
                case OutcomeTaken taken:
                    var visited = new VisitedNode(frame.JourneyName, node.Id, taken.Outcome);
                    run.Visited.Add(visited);
                    frame.PageCallbackOwners = null;
                    if (!node.Connections.TryGetValue(taken.Outcome, out var target))
                    {
                        run.Unwired = visited;
                        LogUnconnectedOutcome(frame.JourneyName, node.Id, node.DisplayName, taken.Outcome);
                        frame.CurrentNodeId = nodeId;
                        return new Ended(false,
                            $"Node {Describe(node)} in journey '{frame.JourneyName}' took outcome '{taken.Outcome}', which is not connected to any node.",
                            true);
                    }
                    nodeId = target;
                    break;
            }
        }
    }

    private async ValueTask<FrameResult> RunNodeAsync(Frame frame, JourneyNode node, IReadOnlyList<Callback>? callbacks, JsonObject transient, Run run)
    {
        if (!_processors.TryGetValue(node.NodeType, out var processor))
            return Error(frame, node, $"Node type '{node.NodeType}' of node {Describe(node)} in journey '{frame.JourneyName}' cannot run: no processor is registered for it.");

        // The constructor checked that every processor's type has a descriptor. Binding is kept with the stored config,
        // so a revision the resolver keeps parsed binds each node once.
        var descriptor = _catalog.Find(node.NodeType)!;
        // A node that may change things outside the session runs only for the one submission that holds the step.
        if (processor is not IOptimisticNodeProcessor) await ClaimAsync(run);
        var context = CreateContext(frame.JourneyName, node, callbacks, transient, run);
        NodeResult result;
        try
        {
            result = await processor.ProcessAsync(context, descriptor.BindConfig(node.Config));
        }
        catch (OperationCanceledException) when (run.CancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (StepClaimLostException)
        {
            throw;
        }
        catch (Exception e)
        {
            LogNodeFailed(e, frame.JourneyName, node.Id, node.NodeType, e.Message);
            return new Ended(false, $"Node {Describe(node)} in journey '{frame.JourneyName}' failed: {e.Message}", true);
        }
        // AM: each node may replace the error message as the user goes through the journey; a failure tells the last one.
        if (result.ErrorMessage is { Length: > 0 } message) run.ErrorMessage = message;
        if (result.IsSend)
        {
            // The node's own transient state (an inner journey's is a copy of its host's) is what the resumed nodes need.
            if (result.SuspendedUntil is not null) run.SuspendedTransient = transient;
            return new StepSent(result.Callbacks!, null, result.Header, result.Description, result.Stage, result.SuspendedUntil);
        }
        var declared = descriptor.GetOutcomes(node.Config);
        if (declared.All(o => o.Id != result.Outcome))
            return Error(frame, node,
                $"Node {Describe(node)} in journey '{frame.JourneyName}' took outcome '{result.Outcome}', which its node type does not have "
                + $"(its outcomes: {string.Join(", ", declared.Select(o => o.Id))}).");
        return new OutcomeTaken(result.Outcome!);
    }

    /// <summary>
    /// A Page runs all its children in one request and sends their callbacks as one step. On submit each
    /// child gets back the callbacks it owns. If any child asks again, the whole page is sent again (children
    /// that were satisfied show their answers again, secrets blanked); otherwise the page takes the last child's outcome.
    /// </summary>
    private async ValueTask<FrameResult> RunPageAsync(Frame frame, JourneyNode page, IReadOnlyList<Callback>? submitted, JsonObject transient, Run run)
    {
        if (page.Children.Count == 0)
            return Error(frame, page, $"Page node {Describe(page)} in journey '{frame.JourneyName}' has no nodes in it, so it cannot proceed.");

        var owners = submitted is not null && frame.PageCallbackOwners is { } known && known.Count == submitted.Count ? known : null;
        var callbacks = new List<Callback>();
        var newOwners = new List<int>();
        var childOutcomes = new List<VisitedNode>();
        var needsInput = false;
        DateTimeOffset? suspendedUntil = null;
        string? lastOutcome = null;

        for (var i = 0; i < page.Children.Count; i++)
        {
            var child = page.Children[i];
            if (CountVisit(run) is { } loop)
                return Error(frame, child, loop);
            var mine = owners is null ? null : submitted!.Where((_, index) => owners[index] == i).ToList();
            var result = await RunNodeAsync(frame, child, mine is { Count: > 0 } ? mine : null, transient, run);
            switch (result)
            {
                case Ended ended:
                    return ended;
                case StepSent step:
                    callbacks.AddRange(step.Callbacks);
                    newOwners.AddRange(step.Callbacks.Select(_ => i));
                    // Metadata alone is not a question for the user; AM moves on when nothing else is asked.
                    needsInput |= step.Callbacks.Any(c => c.Type != Callback.MetadataType);
                    if (step.SuspendedUntil is { } until && (suspendedUntil is null || until > suspendedUntil)) suspendedUntil = until;
                    lastOutcome = null;
                    break;
                case OutcomeTaken taken:
                    childOutcomes.Add(new VisitedNode(frame.JourneyName, child.Id, taken.Outcome));
                    lastOutcome = taken.Outcome;
                    if (mine is { Count: > 0 })
                    {
                        callbacks.AddRange(mine.Select(c => c.WithoutSecretInputs()));
                        newOwners.AddRange(mine.Select(_ => i));
                    }
                    break;
            }
        }

        if (needsInput)
        {
            var preferred = run.Request.PreferredLocales;
            var config = Bind<PageNodeConfig>(page);
            return new StepSent(callbacks, newOwners, config.PageHeader.Resolve(preferred), config.PageDescription.Resolve(preferred), config.Stage, suspendedUntil);
        }
        if (lastOutcome is null)
            return Error(frame, page, $"The last node of page {Describe(page)} in journey '{frame.JourneyName}' sent only MetadataCallbacks, so the page has no outcome.");
        run.Visited.AddRange(childOutcomes);
        return new OutcomeTaken(lastOutcome);
    }

    /// <summary>
    /// An Inner Tree Evaluator runs another journey with this journey's shared state (its transient state is a
    /// copy and does not flow back), passes the child's steps straight through and maps its Success/Failure to
    /// true/false. When the child cannot run, the journey fails, or with displayErrorOutcome the node takes
    /// <c>error</c> with <c>errorMessage</c> in shared state.
    /// </summary>
    private async ValueTask<FrameResult> RunInnerJourneyAsync(int level, List<Frame> frames, JourneyNode node, IReadOnlyList<Callback>? submitted, JsonObject transient, Run run)
    {
        var parent = frames[level];
        var config = Bind<InnerTreeEvaluatorConfig>(node);
        var showError = config.DisplayErrorOutcome;

        FrameResult result;
        if (frames.Count > level + 1 && frames[level + 1].HostNodeId == node.Id)
        {
            result = await RunFrameAsync(level + 1, frames, submitted, (JsonObject)transient.DeepClone(), run);
        }
        else
        {
            frames.RemoveRange(level + 1, frames.Count - level - 1);
            var childName = config.Tree;
            string? cannotRun = null;
            ResolvedJourney? child = null;
            if (string.IsNullOrWhiteSpace(childName))
                cannotRun = $"Inner Tree Evaluator {Describe(node)} in journey '{parent.JourneyName}' has no journey configured.";
            else if (level + 1 > _options.MaxInnerJourneyDepth)
                cannotRun = $"Inner journeys are nested deeper than {_options.MaxInnerJourneyDepth} levels at {Describe(node)} (does journey '{childName}' include itself?).";
            else if ((child = await _resolver.ResolveAsync(childName, null, run.CancellationToken)) is null)
                cannotRun = $"Configured tree does not exist: journey '{childName}' used by {Describe(node)} in journey '{parent.JourneyName}'.";
            else if (!child.Journey.Settings.Enabled)
                cannotRun = $"Journey '{childName}' used by {Describe(node)} in journey '{parent.JourneyName}' is disabled.";

            if (cannotRun is not null)
            {
                LogInnerJourneyCannotRun(parent.JourneyName, node.Id, cannotRun);
                return showError ? TakeErrorOutcome(node, cannotRun, run) : new Ended(false, cannotRun, true);
            }

            run.Journeys.TryAdd(child!.Journey.Name, child.Journey);
            frames.Add(new Frame
            {
                JourneyName = child.Journey.Name, Revision = child.Revision, Journey = child.Journey,
                CurrentNodeId = child.Journey.EntryNodeId, HostNodeId = node.Id,
            });
            result = await RunFrameAsync(level + 1, frames, null, (JsonObject)transient.DeepClone(), run);
        }

        // The child's page ownership is kept in the child's frame, not in this one.
        if (result is StepSent step)
            return step with { PageCallbackOwners = null };
        frames.RemoveRange(level + 1, frames.Count - level - 1);
        var ended = (Ended)result;
        if (ended.Success) return new OutcomeTaken(InnerTreeEvaluatorDescriptor.TrueOutcome);
        if (!ended.IsError) return new OutcomeTaken(InnerTreeEvaluatorDescriptor.FalseOutcome);
        return showError ? TakeErrorOutcome(node, ended.Reason!, run) : ended;
    }

    private static OutcomeTaken TakeErrorOutcome(JourneyNode node, string message, Run run)
    {
        run.SharedState[SharedStateKeys.ErrorMessage] = message;
        run.SharedState[SharedStateKeys.ErrorNode] = new JsonObject
        {
            ["id"] = node.Id,
            ["displayName"] = node.DisplayName,
            ["type"] = node.NodeType,
        };
        return new OutcomeTaken(InnerTreeEvaluatorDescriptor.ErrorOutcome);
    }

    /// <summary>
    /// Lets processors that keep bookkeeping outside the session clean up (AM's onTreeComplete): every node visited in
    /// this sign-on, and after a success every node of <paramref name="root"/> as well, so that bookkeeping a node left
    /// from an earlier sign-on (e.g. a Retry Limit count kept on the user) is cleared by a success that did not pass it.
    /// </summary>
    private async ValueTask NotifyCompletionAsync(Run run, bool success, Journey root)
    {
        var nodes = run.Visited.Select(v => (v.JourneyName, v.NodeId));
        if (success) nodes = nodes.Concat(root.AllNodes().Select(n => (root.Name, n.Id)));
        foreach (var (journeyName, nodeId) in nodes.Distinct().ToList())
        {
            try
            {
                if (!run.Journeys.TryGetValue(journeyName, out var journey))
                {
                    journey = (await _resolver.ResolveAsync(journeyName, null, run.CancellationToken))?.Journey;
                    if (journey is null) continue;
                    run.Journeys[journeyName] = journey;
                }
                if (journey.FindNode(nodeId) is not { } node
                    || !_processors.TryGetValue(node.NodeType, out var processor)
                    || processor is not INodeCompletionHandler handler)
                    continue;
                await ClaimAsync(run);
                await handler.OnJourneyCompletedAsync(
                    CreateContext(journeyName, node, null, new JsonObject(), run), _catalog.Find(node.NodeType)!.BindConfig(node.Config), success);
            }
            catch (Exception e) when (e is not (OperationCanceledException or StepClaimLostException))
            {
                LogCompletionHandlerFailed(e, journeyName, nodeId);
            }
        }
    }

    // Saved journeys are cached and immutable, so their node index is built once per parsed revision.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Journey, Dictionary<string, JourneyNode>> NodeIndexes = new();

    private static JourneyNode? TopLevelNode(Journey journey, string nodeId)
    {
        var index = NodeIndexes.GetValue(journey, static j =>
        {
            var byId = new Dictionary<string, JourneyNode>(StringComparer.Ordinal);
            foreach (var n in j.Nodes) byId.TryAdd(n.Id, n); // the first of duplicated ids, as a linear search finds it
            return byId;
        });
        return index.GetValueOrDefault(nodeId);
    }

    private static async ValueTask ClaimAsync(Run run)
    {
        if (!run.Claim.IsClaimed && !await run.Claim.ClaimAsync(run.CancellationToken)) throw new StepClaimLostException();
    }

    private NodeContext CreateContext(string journeyName, JourneyNode node, IReadOnlyList<Callback>? callbacks, JsonObject transient, Run run) =>
        new(run.AuthTypes, run.SessionProperties)
        {
            Node = node,
            JourneyName = journeyName,
            Realm = run.Realm,
            SharedState = run.SharedState,
            TransientState = transient,
            Callbacks = callbacks,
            Request = run.Request,
            Time = _time,
            CancellationToken = run.CancellationToken,
            StepClaim = run.Claim,
        };

    /// <summary>The config of a node the engine runs itself (Page, Inner Tree Evaluator); defaults when the catalogue lacks the type.</summary>
    private TConfig Bind<TConfig>(JourneyNode node) where TConfig : class, new() =>
        _catalog.Find(node.NodeType) is NodeDescriptor<TConfig> descriptor ? descriptor.Bind(node.Config) : new TConfig();

    private static string? SharedText(JsonObject state, string key) =>
        state[key] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private string? CountVisit(Run run) =>
        ++run.Visits > _options.MaxNodeVisitsPerRequest
            ? $"The journey ran more than {_options.MaxNodeVisitsPerRequest} nodes without asking for input; its wiring probably loops."
            : null;

    private Ended Error(Frame frame, JourneyNode? node, string reason)
    {
        LogJourneyError(frame.JourneyName, node?.Id, reason);
        return new Ended(false, reason, true);
    }

    private JourneyFailure Fail(JourneySessionState state, string reason)
    {
        LogJourneyError(state.JourneyName, null, reason);
        var now = _time.GetUtcNow();
        return new JourneyFailure
        {
            State = state with { Status = JourneySessionStatus.Failed, PendingCallbacks = [], UpdatedAt = now, FailureReason = reason },
            Trace = new StepTrace { At = now, Status = JourneySessionStatus.Failed, FailureReason = StepTrace.Short(reason) },
            Reason = reason,
        };
    }

    private static string Describe(JourneyNode node) =>
        string.IsNullOrEmpty(node.DisplayName) ? $"{node.NodeType} {node.Id}" : $"'{node.DisplayName}' ({node.NodeType} {node.Id})";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Journey {Journey}: node {NodeId} ({NodeName}) took outcome {Outcome}, which is not connected; the sign-on fails.")]
    private partial void LogUnconnectedOutcome(string journey, string nodeId, string nodeName, string outcome);

    [LoggerMessage(Level = LogLevel.Error, Message = "Journey {Journey}: node {NodeId} ({NodeType}) failed: {Reason}")]
    private partial void LogNodeFailed(Exception exception, string journey, string nodeId, string nodeType, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Journey {Journey}: inner journey at node {NodeId} cannot run: {Reason}")]
    private partial void LogInnerJourneyCannotRun(string journey, string nodeId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Journey {Journey} (node {NodeId}) fails: {Reason}")]
    private partial void LogJourneyError(string journey, string? nodeId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Journey {Journey}: completion handler of node {NodeId} failed.")]
    private partial void LogCompletionHandlerFailed(Exception exception, string journey, string nodeId);

    /// <summary>Per-request working data shared by every frame.</summary>
    private sealed class Run
    {
        public required string Realm { get; init; }
        public required JourneyRequestInfo Request { get; init; }
        public required JsonObject SharedState { get; init; }
        public required List<VisitedNode> Visited { get; init; }
        public required List<string> AuthTypes { get; init; }
        public required Dictionary<string, string> SessionProperties { get; init; }
        /// <summary>The last <see cref="NodeResult.ErrorMessage"/> of this sign-on.</summary>
        public string? ErrorMessage { get; set; }
        public required CancellationToken CancellationToken { get; init; }
        public required IStepClaim Claim { get; init; }
        public Dictionary<string, Journey> Journeys { get; } = new(StringComparer.Ordinal);
        public int Visits { get; set; }

        /// <summary>The outcome that had no link, when the run ended on one.</summary>
        public VisitedNode? Unwired { get; set; }

        /// <summary>The transient state of the node that suspended the sign-on, when one did.</summary>
        public JsonObject? SuspendedTransient { get; set; }
    }

    /// <summary>One journey being run: the root journey or a child of an Inner Tree Evaluator.</summary>
    private sealed class Frame
    {
        public required string JourneyName { get; init; }
        public required int Revision { get; init; }
        public required Journey Journey { get; init; }
        public required string CurrentNodeId { get; set; }
        public IReadOnlyList<int>? PageCallbackOwners { get; set; }
        public string? HostNodeId { get; init; }
    }

    private abstract record FrameResult;

    private sealed record StepSent(IReadOnlyList<Callback> Callbacks, IReadOnlyList<int>? PageCallbackOwners, string? Header, string? Description, string? Stage,
        DateTimeOffset? SuspendedUntil = null) : FrameResult;

    private sealed record OutcomeTaken(string Outcome) : FrameResult;

    /// <summary>The journey reached Success/Failure, or (<see cref="IsError"/>) could not continue.</summary>
    private sealed record Ended(bool Success, string? Reason, bool IsError) : FrameResult;
}
