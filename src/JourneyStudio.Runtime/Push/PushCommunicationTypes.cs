namespace JourneyStudio.Runtime.Push;

/// <summary>The <c>communicationType</c> values the ForgeRock Authenticator sends at registration.</summary>
public static class PushCommunicationTypes
{
    /// <summary>Firebase Cloud Messaging (Android).</summary>
    public const string Gcm = "gcm";

    /// <summary>Apple Push Notification service (iOS).</summary>
    public const string Apns = "apns";

    public static bool IsKnown(string? communicationType) =>
        communicationType is Gcm or Apns;
}
