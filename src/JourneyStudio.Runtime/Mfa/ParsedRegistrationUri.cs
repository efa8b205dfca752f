namespace JourneyStudio.Runtime.Mfa;

/// <summary>A registration URI read back by <see cref="RegistrationUris.TryParse"/>: exactly one of the nested cases.</summary>
public abstract record ParsedRegistrationUri
{
    private ParsedRegistrationUri()
    {
    }

    /// <summary>A <c>pushauth://</c> URI.</summary>
    public sealed record Push(PushRegistrationParameters Parameters) : ParsedRegistrationUri;

    /// <summary>An <c>otpauth://</c> URI.</summary>
    public sealed record Oath(OathRegistrationParameters Parameters) : ParsedRegistrationUri;

    /// <summary>An <c>mfauth://</c> URI.</summary>
    public sealed record Combined(CombinedRegistrationParameters Parameters) : ParsedRegistrationUri;
}
