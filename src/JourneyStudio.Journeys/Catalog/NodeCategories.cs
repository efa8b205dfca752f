namespace JourneyStudio.Journeys.Catalog;

/// <summary>Palette categories, in the order the palette shows them.</summary>
public static class NodeCategories
{
    public const string Basic = "Basic Authentication";
    public const string Mfa = "Multi-Factor Authentication";
    public const string Utilities = "Utilities";
    public const string Contextual = "Contextual";

    public static readonly IReadOnlyList<string> Ordered = [Basic, Mfa, Contextual, Utilities];
}
