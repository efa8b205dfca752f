namespace JourneyStudio.Runtime.Push;

/// <summary>The Push Sender node's push type (claim <c>k</c>: default / challenge / biometric).</summary>
public enum PushType
{
    /// <summary>Tap to approve.</summary>
    Default,

    /// <summary>Number matching: the user picks the number shown on the sign-on page.</summary>
    Challenge,

    /// <summary>Approve after a biometric check on the device.</summary>
    Biometric,
}
