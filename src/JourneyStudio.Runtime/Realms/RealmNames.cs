namespace JourneyStudio.Runtime.Realms;

/// <summary>The realms the studio serves (AM's top-level realm and the Identity Cloud style <c>alpha</c>).</summary>
public static class RealmNames
{
    public const string Alpha = "alpha";

    public const string Root = "root";

    public static IReadOnlyList<string> All { get; } = [Alpha, Root];

    public static bool IsKnown(string? realm) => realm is Alpha or Root;
}
