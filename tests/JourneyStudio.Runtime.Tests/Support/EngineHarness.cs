using System.Text.Json.Nodes;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Runtime.Callbacks;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Identities;
using JourneyStudio.Runtime.Nodes;
using Microsoft.Extensions.Logging.Abstractions;

namespace JourneyStudio.Runtime.Tests.Support;

/// <summary>
/// An engine on the real node catalogue with the runtime's processors that need no database (and fakes for what they
/// depend on), plus a client that answers steps the way an SDK does: it serializes the step, fills inputs by IDToken
/// name and posts the whole step back. <see cref="ExtraProcessors"/> replace the real processor of their type.
/// </summary>
public sealed class EngineHarness
{
    public FakeJourneyResolver Journeys { get; } = new();
    public FakeIdentityVerifier Identities { get; } = new();
    public FakeIdentityAccounts Accounts { get; } = new();
    public FakeSelfServiceContent SelfService { get; } = new();
    public IdentitySchema Schema { get; set; } = IdentitySchema.Default;
    public KbaOptions Kba { get; } = new();
    public InMemoryRetryCounterStore RetryCounters { get; } = new();
    public ManualTimeProvider Time { get; } = new();
    public ListLogger<JourneyEngine> Log { get; } = new();
    public List<INodeProcessor> ExtraProcessors { get; } = [];
    public JourneyEngineOptions Options { get; } = new();

    /// <summary>The identities the Attribute Collector prefills from; by default none (a lookup fails the test).</summary>
    public ManagedUserAttributes? Users { get; set; }

    /// <summary>The processors of the node types that need no database, as the host registers them.</summary>
    public IReadOnlyList<INodeProcessor> BasicProcessors() =>
    [
        new UsernameCollectorNodeProcessor(),
        new PasswordCollectorNodeProcessor(),
        new ValidatedUsernameNodeProcessor(Schema, Accounts),
        new ValidatedPasswordNodeProcessor(Schema),
        new DataStoreDecisionNodeProcessor(Identities),
        new DeviceProfileCollectorNodeProcessor(),
        new PollingWaitNodeProcessor(),
        new RetryLimitDecisionNodeProcessor(RetryCounters),
        new MessageNodeProcessor(),
        new SetSuccessUrlNodeProcessor(),
        new AttributeCollectorNodeProcessor(Schema, Users ?? NoDatabase.Users(Time)),
        new ChoiceCollectorNodeProcessor(),
        new AccountLockoutNodeProcessor(Accounts, NullLogger<AccountLockoutNodeProcessor>.Instance),
        new AcceptTermsAndConditionsNodeProcessor(SelfService),
        new KbaCreateNodeProcessor(SelfService, Microsoft.Extensions.Options.Options.Create(Kba)),
        new SessionDataNodeProcessor(NullLogger<SessionDataNodeProcessor>.Instance),
        new AnonymousUserNodeProcessor(Accounts),
    ];

    public JourneyEngine CreateEngine()
    {
        var replaced = ExtraProcessors.Select(p => p.TypeId).ToHashSet(StringComparer.Ordinal);
        IEnumerable<INodeProcessor> processors = [.. BasicProcessors().Where(p => !replaced.Contains(p.TypeId)), .. ExtraProcessors];
        return new JourneyEngine(processors, Journeys, Log, Time, NodeCatalog.Default, Options);
    }

    public async Task<JourneyRunResult> StartAsync(Journey journey, params Journey[] others)
    {
        foreach (var other in others) Journeys.Save(other);
        Journeys.Save(journey);
        return await CreateEngine().StartAsync(journey.Name, "alpha", new JourneyRequestInfo { RemoteIpAddress = "203.0.113.9" });
    }

    /// <summary>Answers <paramref name="result"/> (which must be a step) with input values by IDToken name.</summary>
    public async Task<JourneyRunResult> SubmitAsync(JourneyRunResult result, params (string Input, object? Value)[] answers)
    {
        var (restored, submitted) = Answer(result, answers);
        return await CreateEngine().ContinueAsync(restored, submitted, JourneyRequestInfo.Empty);
    }

    /// <summary>Starts <paramref name="journey"/> for a request with these properties of an existing session.</summary>
    public async Task<JourneyRunResult> StartWithSessionAsync(Journey journey, IReadOnlyDictionary<string, string> session)
    {
        Journeys.Save(journey);
        return await CreateEngine().StartAsync(journey.Name, "alpha", new JourneyRequestInfo { ExistingSession = session });
    }

    /// <summary>
    /// What a client posts back for <paramref name="result"/> (a step): the step as JSON with inputs filled by IDToken
    /// name, parsed against the pending callbacks, and the session state restored through JSON as a store would keep it.
    /// </summary>
    public static (JourneySessionState State, IReadOnlyList<Callback> Submitted) Answer(
        JourneyRunResult result, params (string Input, object? Value)[] answers)
    {
        var step = Assert.IsType<JourneyStep>(result);
        var body = JsonNode.Parse(StepSerializer.Serialize("auth-id", step.Callbacks, step.Header, step.Description, step.Stage))!;
        foreach (var (input, value) in answers)
        {
            var entry = body["callbacks"]!.AsArray()
                .SelectMany(c => c!["input"]?.AsArray() ?? [])
                .SingleOrDefault(i => (string?)i!["name"] == input)
                ?? throw new InvalidOperationException($"The step has no input {input}.");
            entry["value"] = System.Text.Json.JsonSerializer.SerializeToNode(value);
        }
        var parsed = StepSerializer.Parse(body.ToJsonString(), step.State.PendingCallbacks);
        Assert.True(parsed.Succeeded, parsed.Error?.Message);
        return (JourneySessionState.FromJson(step.State.ToJson()), parsed.Callbacks!);
    }

    public static IReadOnlyList<string> Types(JourneyRunResult result) =>
        Assert.IsType<JourneyStep>(result).Callbacks.Select(c => c.Type).ToList();
}
