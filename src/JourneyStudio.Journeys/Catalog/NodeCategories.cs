namespace JourneyStudio.Journeys.Catalog;

/// <summary>Palette categories, in the order the palette shows them.</summary>
public static class NodeCategories
{
    public const string Basic = "Basic Authentication";
    public const string Mfa = "Multi-Factor Authentication";
    public const string Utilities = "Utilities";
    public const string Contextual = "Contextual";
    /// <summary>Nodes that read and write the identity profile (AM's "Identity Management" nodes, backed by IDM there).</summary>
    public const string IdentityManagement = "Identity Management";

    public static readonly IReadOnlyList<string> Ordered = [Basic, Mfa, IdentityManagement, Contextual, Utilities];
}
