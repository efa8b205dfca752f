namespace JourneyStudio.Journeys.Catalog.Nodes;

/// <summary>The settings of Get Session Data, with AM's property names (SessionDataNode.Config).</summary>
public sealed record SessionDataConfig
{
    [NodeProperty("sessionDataKey", "Session Data Key", Required = true,
        Help = "The property of the user's current session to read: UserToken (the username), UserId, Realm, Service or AuthType.")]
    public string SessionDataKey { get; init; } = "UserToken";

    [NodeProperty("sharedStateKey", "Shared State Key", Required = true,
        Help = "The shared-state entry that receives the value.")]
    public string SharedStateKey { get; init; } = "username";
}

/// <summary>Get Session Data: copies a property of the user's existing session into shared state.</summary>
public sealed class SessionDataDescriptor : SingleOutcomeNodeDescriptor<SessionDataConfig>
{
    public override string TypeId => NodeTypeIds.SessionData;
    public override string DisplayName => "Get Session Data";
    public override string Category => NodeCategories.Utilities;
    public override string Description => "Copies a property of the user's current session, such as the username, into the journey state.";
}
