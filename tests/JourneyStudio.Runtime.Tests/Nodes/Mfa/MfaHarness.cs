using System.Text.Json.Nodes;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Runtime.Audit;
using JourneyStudio.Runtime.BruteForce;
using JourneyStudio.Runtime.Callbacks;
using JourneyStudio.Runtime.Devices;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Identities;
using JourneyStudio.Runtime.Nodes;
using JourneyStudio.Runtime.Nodes.Mfa;
using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Runtime.Push;
using JourneyStudio.Runtime.Sessions;
using JourneyStudio.Runtime.Tests.Persistence;
using JourneyStudio.Runtime.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace JourneyStudio.Runtime.Tests.Nodes.Mfa;

/// <summary>
/// The engine on the real node catalogue with the runtime's real processors (built with their real dependencies) on a
/// real SQLite <see cref="TestDatabase"/> (devices, recovery codes, push messages, identities), a
/// <see cref="RecordingPushTransport"/> and the database's manual clock; plus a client that answers steps like an SDK
/// and checks that nothing transient leaks into the stored session.
/// </summary>
internal sealed class MfaHarness : IAsyncDisposable
{
    public const string BaseUrl = "https://login.example.com";

    /// <summary>The node type the seed node of <see cref="AddSeed"/> stands in for (a real type with one outcome and no callbacks).</summary>
    public const string SeedType = NodeTypeIds.SetSuccessUrl;

    private MfaHarness(TestDatabase db)
    {
        Db = db;
        var contexts = db.Services.GetRequiredService<IDbContextFactory<JourneyStudioDbContext>>();
        UserSessions = new UserSessionStore(contexts, Options.Create(new JourneySessionOptions()), db.Clock);
        Identities = new IdentityStore(contexts, new BoundedPasswordHasher(1), db.Clock, UserSessions);
        Failures = new CredentialFailureStore(contexts);
        Guard = new BruteForceProtector(Failures, Options.Create(BruteForce), UserSessions, Audit, db.Clock, NullLogger<BruteForceProtector>.Instance);
    }

    public TestDatabase Db { get; }
    public RecordingPushTransport Transport { get; } = new();
    public PushEndpoints Endpoints { get; private set; } = new(null);
    public IdentityStore Identities { get; }
    public ManualClock Clock => Db.Clock;
    public DeviceStore Devices => Db.Services.GetRequiredService<DeviceStore>();
    public RecoveryCodeStore RecoveryCodes => Db.Services.GetRequiredService<RecoveryCodeStore>();
    public PushMessageStore Messages => Db.Services.GetRequiredService<PushMessageStore>();
    public SecretProtector Protector => Db.Services.GetRequiredService<SecretProtector>();
    public FakeJourneyResolver Journeys { get; } = new();
    public ListLogger<JourneyEngine> Log { get; } = new();
    public List<INodeProcessor> ExtraProcessors { get; } = [];
    public InMemoryRetryCounterStore RetryCounters { get; } = new();

    /// <summary>The real brute-force protector on the harness's database, with these (changeable) settings.</summary>
    public BruteForceOptions BruteForce { get; } = new();
    public CredentialFailureStore Failures { get; }
    public UserSessionStore UserSessions { get; }
    public RecordingAuditLog Audit { get; } = new();
    public ICredentialGuard Guard { get; }

    public JourneyRequestInfo Request { get; set; } = new()
    {
        BaseUrl = BaseUrl,
        RemoteIpAddress = "203.0.113.9",
        UserAgent = "TestBrowser/1.0",
    };

    public static async Task<MfaHarness> StartAsync(DatabaseProvider provider, params string[] usernames)
    {
        var harness = new MfaHarness(await TestDatabase.StartAsync(provider));
        foreach (var username in usernames)
            Assert.IsType<IdentityResult.Done>(await harness.Identities.CreateAsync(
                new NewIdentity(username, "Secret-Passw0rd", GivenName: "Alice", Sn: "Example", Mail: username + "@example.com")));
        return harness;
    }

    /// <summary>Sets <c>JourneyStudio:PublicBaseUrl</c> as the host's configuration would.</summary>
    public void SetPublicBaseUrl(string url) =>
        Endpoints = PushEndpoints.FromConfiguration(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [PushEndpoints.PublicBaseUrlSetting] = url }).Build());

    public JourneyEngine CreateEngine()
    {
        var registrar = new MfaRegistrar(Identities, Devices, Messages, RecoveryCodes, Protector, Endpoints);
        IEnumerable<INodeProcessor> processors =
        [
            new UsernameCollectorNodeProcessor(),
            new PollingWaitNodeProcessor(),
            new RetryLimitDecisionNodeProcessor(RetryCounters),
            new PushAuthenticationSenderNodeProcessor(Identities, Devices, Messages, Protector, Transport),
            new PushWaitNodeProcessor(),
            new PushResultVerifierNodeProcessor(Guard, TestMetrics.Create(), Messages, Devices),
            new PushRegistrationNodeProcessor(registrar, Devices),
            new OathRegistrationNodeProcessor(registrar, Devices),
            new CombinedMultiFactorRegistrationNodeProcessor(registrar, Devices),
            new RecoveryCodeDisplayNodeProcessor(),
            new RecoveryCodeCollectorDecisionNodeProcessor(Guard, RecoveryCodes),
            new OathTokenVerifierNodeProcessor(Guard, Devices, Protector),
            new MultiFactorRegistrationOptionsNodeProcessor(),
            new GetAuthenticatorAppNodeProcessor(),
            new OptOutMultiFactorAuthenticationNodeProcessor(Identities),
            new SetSuccessUrlNodeProcessor(),
        ];
        var replaced = ExtraProcessors.Select(p => p.TypeId).ToHashSet(StringComparer.Ordinal);
        return new JourneyEngine([.. processors.Where(p => !replaced.Contains(p.TypeId)), .. ExtraProcessors], Journeys, Log, Clock, NodeCatalog.Default);
    }

    /// <summary>Starts <paramref name="journey"/> with <paramref name="sharedState"/> already in place (as earlier nodes would leave it).</summary>
    public async Task<JourneyRunResult> StartAsync(Journey journey, string? username = "alice")
    {
        if (username is not null)
        {
            // Most tests start after sign-in: a Username Collector in front supplies the username.
            var collector = J.Node("collect-username", NodeTypeIds.UsernameCollector, new { outcome = journey.EntryNodeId });
            journey = journey with { EntryNodeId = collector.Id, Nodes = [collector, .. journey.Nodes] };
        }
        Journeys.Save(journey);
        var result = await CreateEngine().StartAsync(journey.Name, "alpha", Request);
        return username is null ? result : await SubmitAsync(result, ("IDToken1", username));
    }

    /// <summary>Answers <paramref name="result"/> (a step) with input values by IDToken name, through JSON as a client would.</summary>
    public async Task<JourneyRunResult> SubmitAsync(JourneyRunResult result, params (string Input, object? Value)[] answers)
    {
        var (restored, submitted) = EngineHarness.Answer(result, answers);
        var next = await CreateEngine().ContinueAsync(restored, submitted, Request);
        Assert.DoesNotContain(MfaStateKeys.RecoveryCodes, next.State.ToJson());
        return next;
    }

    /// <summary>Makes nodes of <see cref="SeedType"/> put values into shared state and continue (as earlier nodes would).</summary>
    public void AddSeed(Action<JsonObject> seed) =>
        ExtraProcessors.Add(new DelegateProcessor(SeedType, context =>
        {
            seed(context.SharedState);
            return NodeResult.Goto(JourneyStudio.Journeys.Catalog.Nodes.SetSuccessUrlDescriptor.Outcome);
        }));

    public static JourneyStep Step(JourneyRunResult result) => Assert.IsType<JourneyStep>(result);

    public static IReadOnlyList<string> Types(JourneyRunResult result) => Step(result).Callbacks.Select(c => c.Type).ToList();

    /// <summary>The outcome the node <paramref name="nodeId"/> last left by.</summary>
    public static string LastOutcome(JourneyRunResult result, string nodeId) =>
        result.State.VisitedPath.Last(v => v.NodeId == nodeId).Outcome;

    public async Task<IdentitySummary> IdentityAsync(string username = "alice") => (await Identities.GetAsync(username))!;

    public ValueTask DisposeAsync() => Db.DisposeAsync();
}
