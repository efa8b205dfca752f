namespace JourneyStudio.Runtime.Realms;

/// <summary>Values of <c>JourneyStudio:Push:Transport</c> and of a realm's saved transport.</summary>
public static class PushTransportNames
{
    /// <summary>Messages stay in process (virtual devices, tests, demos).</summary>
    public const string Embedded = "embedded";

    /// <summary>Amazon SNS mobile push, as AM does it.</summary>
    public const string Sns = "sns";

    public const string ConfigurationKey = "JourneyStudio:Push:Transport";

    public static IReadOnlyList<string> All { get; } = [Embedded, Sns];

    public static bool IsKnown(string? transport) => transport is Embedded or Sns;
}
