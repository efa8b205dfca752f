namespace JourneyStudio.Journeys.Catalog.Nodes;

/// <summary>
/// Opt-out Multi-Factor Authentication: marks the MFA method chosen earlier in the journey (shared-state
/// <c>mfaMethod</c>: push, oath or webauthn) as skippable for this user, so later sign-ons skip it unless mandatory.
/// </summary>
public sealed class OptOutMfaDescriptor : SingleOutcomeNodeDescriptor<NoConfig>
{
    public override string TypeId => NodeTypeIds.OptOutMfa;
    public override string DisplayName => "Opt-out Multi-Factor Authentication";
    public override string Category => NodeCategories.Mfa;
    public override string Description => "Records that the user opted out of the current MFA method, so it is skipped next time.";
}
