namespace JourneyStudio.Journeys.Catalog.Nodes;

/// <summary>Defaults and help texts the identity management nodes share (AM declares them per node, alike).</summary>
internal static class IdentityNodeProperties
{
    public const string DefaultIdentityAttribute = "userName";
    public const string DefaultIdentityResource = "managed/user";

    public const string IdentityAttributeHelp =
        "The identity attribute (IDM name, e.g. userName or mail) whose collected value finds the user, when the journey "
        + "has not identified the user yet.";

    public const string IdentityResourceHelp =
        "The IDM resource the node writes, as AM names it (managed/user, or managed/alpha_user in Identity Cloud); "
        + "the studio has one identity store, so every managed/…user name means it.";

    /// <summary>managed/user and the realm-prefixed managed/{realm}_user of Identity Cloud.</summary>
    public const string IdentityResourcePattern = @"^managed/([A-Za-z0-9]+_)?user$";
    public const string IdentityResourceDescription = "a managed user resource such as managed/user or managed/alpha_user";
}
