namespace JourneyStudio.Journeys.Catalog.Nodes;

/// <summary>Patterns and built-in texts that several node types share (AM declares them once in a common config interface).</summary>
internal static class SharedProperties
{
    public const string HttpUrlPattern = @"^https?://\S+$";
    public const string HttpUrlDescription = "an http:// or https:// URL";

    public const string HexColourPattern = "^[0-9a-fA-F]{6}$";
    public const string HexColourDescription = "a hex colour of six digits without '#', such as 032b75";

    // --- Polling Wait and Push Wait ---

    public const string DefaultWaitingMessage = "Waiting for response...";
    public const string DefaultExitMessage = "Cancel";

    public const string WaitingMessageHelp = "Text shown while waiting; {{time}} is replaced by the seconds to wait.";

    // --- OATH settings that OATH Registration and the OATH Token Verifier describe alike ---

    public const string OathAlgorithmHelp =
        "TOTP derives a new code from the clock every time step; HOTP derives one from a counter that advances with each code. "
        + "Registration and verification must use the same algorithm.";

    public const string TotpHashAlgorithmHelp =
        "The HMAC used to compute TOTP codes. Most authenticator apps support HMAC-SHA1; check before choosing another.";
}
