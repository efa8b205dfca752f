namespace JourneyStudio.Journeys.Catalog.Nodes;

/// <summary>
/// Recovery Code Display Node: shows the recovery codes a registration node just generated. The texts below are
/// part of the wire format: the JavaScript SDK finds this step by looking for "Recovery Codes" in the message.
/// </summary>
public sealed class RecoveryCodeDisplayDescriptor : SingleOutcomeNodeDescriptor<NoConfig>
{
    public const string Title = "Your Recovery Codes";
    public const string DeviceIntroduction = "Use one of these codes to authenticate if you lose your device, which has been named:";
    public const string CopyWarning = "You must make a copy of these recovery codes. They cannot be displayed again.";

    public override string TypeId => NodeTypeIds.RecoveryCodeDisplay;
    public override string DisplayName => "Recovery Code Display Node";
    public override string Category => NodeCategories.Mfa;
    public override string Description => "Shows the recovery codes created by a registration node, once, so the user can keep them safe.";
    public override bool CanBeOnPage => true;
}
