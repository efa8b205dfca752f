using System.Collections.Immutable;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Runtime.Identities;
using JourneyStudio.Runtime.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyStudio.Testing;

/// <summary>Hand-made journeys and a test user for the sign-on tests, created through the stores.</summary>
public static class SignOnJourneys
{
    public const string Username = "jdoe";
    public const string Password = "Correct-horse-1";
    public const string GivenName = "Jane";
    public const string Sn = "Doe";
    public const string Mail = "jane.doe@example.com";

    /// <summary>Username Collector, Password Collector, Data Store Decision.</summary>
    public const string Plain = "Test Plain Login";

    /// <summary>A Page (Platform Username + Platform Password), Data Store Decision, Retry Limit Decision (2 retries).</summary>
    public const string PageWithRetry = "Test Page Retry";

    /// <summary>Username, Password, Data Store Decision, then a Message Node whose Yes goes through Success URL to Success.</summary>
    public const string TermsMessage = "Test Terms Message";

    /// <summary>Where <see cref="TermsMessage"/> sends the user after Yes.</summary>
    public const string TermsSuccessUrl = "/account?realm=alpha&welcome=terms";

    public const string TermsText = "Do you accept the terms of use?";
    public const string TermsYes = "I accept";
    public const string TermsNo = "No, thanks";

    public static Journey PlainJourney(string name = Plain) => new()
    {
        Name = name,
        EntryNodeId = "user",
        Nodes =
        [
            Node("user", NodeTypeIds.UsernameCollector, ("outcome", "password")),
            Node("password", NodeTypeIds.PasswordCollector, ("outcome", "check")),
            Node("check", NodeTypeIds.DataStoreDecision, ("true", StaticNodeIds.Success), ("false", StaticNodeIds.Failure)),
        ],
    };

    public static Journey PageRetryJourney(string name = PageWithRetry, string header = "Sign In") => new()
    {
        Name = name,
        EntryNodeId = "page",
        Nodes =
        [
            Node("page", NodeTypeIds.PageNode, ("outcome", "check")) with
            {
                Config = NodeConfig.FromObject([KeyValuePair.Create<string, object?>("pageHeader", new Dictionary<string, string> { ["en"] = header })]),
                Children =
                [
                    Node("page-user", NodeTypeIds.PlatformUsername, ("outcome", "")),
                    Node("page-password", NodeTypeIds.PlatformPassword, ("outcome", "")),
                ],
            },
            Node("check", NodeTypeIds.DataStoreDecision, ("true", StaticNodeIds.Success), ("false", "retry")),
            Node("retry", NodeTypeIds.RetryLimitDecision, ("Retry", "page"), ("Reject", StaticNodeIds.Failure)) with
            {
                Config = NodeConfig.FromObject([KeyValuePair.Create<string, object?>("retryLimit", 2)]),
            },
        ],
    };

    public static Journey TermsMessageJourney(string name = TermsMessage, string successUrl = TermsSuccessUrl) => new()
    {
        Name = name,
        EntryNodeId = "user",
        Nodes =
        [
            Node("user", NodeTypeIds.UsernameCollector, ("outcome", "password")),
            Node("password", NodeTypeIds.PasswordCollector, ("outcome", "check")),
            Node("check", NodeTypeIds.DataStoreDecision, ("true", "terms"), ("false", StaticNodeIds.Failure)),
            Node("terms", NodeTypeIds.Message, ("true", "url"), ("false", StaticNodeIds.Failure)) with
            {
                Config = NodeConfig.FromObject(
                [
                    KeyValuePair.Create<string, object?>("message", new Dictionary<string, string> { ["en"] = TermsText }),
                    KeyValuePair.Create<string, object?>("messageYes", new Dictionary<string, string> { ["en"] = TermsYes }),
                    KeyValuePair.Create<string, object?>("messageNo", new Dictionary<string, string> { ["en"] = TermsNo }),
                    KeyValuePair.Create<string, object?>("stateField", "termsAnswer"),
                ]),
            },
            Node("url", NodeTypeIds.SetSuccessUrl, ("outcome", StaticNodeIds.Success)) with
            {
                Config = NodeConfig.FromObject([KeyValuePair.Create<string, object?>("successUrl", successUrl)]),
            },
        ],
    };

    /// <summary>Creates the test user and both journeys (plus <paramref name="more"/>) on a running server.</summary>
    public static async Task SeedAsync(StudioServer server, params Journey[] more)
    {
        var identities = server.Services.GetRequiredService<IdentityStore>();
        if (await identities.GetAsync(Username) is null)
        {
            var created = await identities.CreateAsync(new NewIdentity(Username, Password, GivenName, Sn, Mail));
            if (created is not IdentityResult.Done) throw new InvalidOperationException($"Test user not created: {created}");
        }
        var store = server.Services.GetRequiredService<JourneyStore>();
        // Idempotent, so that tests sharing one server can each seed what they need.
        foreach (var journey in new[] { PlainJourney(), PageRetryJourney() }.Concat(more))
            if (await store.GetAsync(journey.Name) is null)
                await CreateAsync(server, journey);
    }

    public static async Task CreateAsync(StudioServer server, Journey journey)
    {
        var result = await server.Services.GetRequiredService<JourneyStore>().CreateAsync(journey, "tests");
        if (result is not SaveResult.Saved) throw new InvalidOperationException($"Journey '{journey.Name}' not created: {result}");
    }

    private static JourneyNode Node(string id, string type, params (string Outcome, string Target)[] connections) => new()
    {
        Id = id,
        NodeType = type,
        DisplayName = id,
        Connections = connections.Where(c => c.Target.Length > 0).ToImmutableDictionary(c => c.Outcome, c => c.Target),
    };
}
