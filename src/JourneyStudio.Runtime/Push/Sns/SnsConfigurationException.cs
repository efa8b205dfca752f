namespace JourneyStudio.Runtime.Push.Sns;

/// <summary>The SNS settings are incomplete or invalid; the message names the setting to fix.</summary>
public sealed class SnsConfigurationException(string message) : Exception(message);
