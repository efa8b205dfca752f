using System.Collections.Immutable;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Model;

namespace JourneyStudio.Testing;

/// <summary>A sign-up page with the self-service callbacks, as Identity Cloud's Registration has them (without creating the user).</summary>
public static class SelfServiceJourneys
{
    /// <summary>
    /// One Page: Platform Username and Password (create forms), Attribute Collector (givenName, mail, preferences/marketing;
    /// required, validated), KBA Definition, Accept Terms and Conditions; then Success without a session (nobody is created).
    /// </summary>
    public const string SignUp = "Test Sign Up";

    public const string Header = "Sign Up";

    public static Journey SignUpJourney(string name = SignUp) => new()
    {
        Name = name,
        EntryNodeId = "page",
        Settings = new JourneySettings { NoSession = true },
        Nodes =
        [
            Node("page", NodeTypeIds.PageNode, ("outcome", StaticNodeIds.Success)) with
            {
                Config = NodeConfig.FromObject([KeyValuePair.Create<string, object?>("pageHeader", new Dictionary<string, string> { ["en"] = Header })]),
                Children =
                [
                    Node("user", NodeTypeIds.PlatformUsername, ("validateInput", true)),
                    Node("attributes", NodeTypeIds.AttributeCollector,
                        ("attributesToCollect", new[] { "givenName", "mail", "preferences/marketing" }),
                        ("required", true), ("validateInputs", true), ("identityAttribute", "userName")),
                    Node("password", NodeTypeIds.PlatformPassword, ("validateInput", true)),
                    Node("kba", NodeTypeIds.KbaCreate,
                        ("message", new Dictionary<string, string> { ["en"] = "Select a security question" }), ("allowUserDefinedQuestions", true)),
                    Node("terms", NodeTypeIds.AcceptTermsAndConditions),
                ],
            },
        ],
    };

    /// <summary>A Choice Collector whose first choice signs on the test user's way (Success without session), the second fails.</summary>
    public const string Choose = "Test Choose";

    public static Journey ChooseJourney() => new()
    {
        Name = Choose,
        EntryNodeId = "choose",
        Settings = new JourneySettings { NoSession = true },
        Nodes =
        [
            Node("choose", NodeTypeIds.ChoiceCollector, ("choices", new[] { "Continue", "Stop" }), ("defaultChoice", "Continue"), ("prompt", "Go on?")) with
            {
                Connections = ImmutableDictionary<string, string>.Empty.Add("Continue", StaticNodeIds.Success).Add("Stop", StaticNodeIds.Failure),
            },
        ],
    };

    /// <summary>Username, Password, Data Store Decision; a wrong password goes through Account Lockout (LOCK) to Failure.</summary>
    public const string LockOnFailure = "Test Lock On Failure";

    public static Journey LockOnFailureJourney() => new()
    {
        Name = LockOnFailure,
        EntryNodeId = "user",
        Nodes =
        [
            Node("user", NodeTypeIds.UsernameCollector, ("outcome", "password")),
            Node("password", NodeTypeIds.PasswordCollector, ("outcome", "check")),
            Node("check", NodeTypeIds.DataStoreDecision, ("true", StaticNodeIds.Success)) with
            {
                Connections = ImmutableDictionary<string, string>.Empty.Add("true", StaticNodeIds.Success).Add("false", "lock"),
            },
            Node("lock", NodeTypeIds.AccountLockout, ("outcome", StaticNodeIds.Failure)) with
            {
                Config = NodeConfig.FromObject([KeyValuePair.Create<string, object?>("lockAction", "LOCK")]),
            },
        ],
    };

    private static JourneyNode Node(string id, string type, params (string Name, object? Value)[] config) => new()
    {
        Id = id,
        NodeType = type,
        DisplayName = id,
        Connections = ImmutableDictionary<string, string>.Empty,
        Config = NodeConfig.FromObject(config.Select(c => KeyValuePair.Create(c.Name, c.Value))),
    };

    private static JourneyNode Node(string id, string type, (string Outcome, string Target) connection) => new()
    {
        Id = id,
        NodeType = type,
        DisplayName = id,
        Connections = ImmutableDictionary<string, string>.Empty.Add(connection.Outcome, connection.Target),
    };
}
