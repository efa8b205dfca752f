namespace JourneyStudio.Journeys.Catalog.Nodes;

/// <summary>Password Collector: the plain (non-platform) password prompt; it has no settings.</summary>
public sealed class PasswordCollectorDescriptor : SingleOutcomeNodeDescriptor<NoConfig>
{
    /// <summary>Prompt of the PasswordCallback.</summary>
    public const string Prompt = "Password";

    public override string TypeId => NodeTypeIds.PasswordCollector;
    public override string DisplayName => "Password Collector";
    public override string Category => NodeCategories.Basic;
    public override string Description => "Asks for the password and keeps it in transient state.";
    public override bool CanBeOnPage => true;
}
