namespace JourneyStudio.Journeys.Catalog.Nodes;

/// <summary>Username Collector: the plain (non-platform) username prompt; it has no settings.</summary>
public sealed class UsernameCollectorDescriptor : SingleOutcomeNodeDescriptor<NoConfig>
{
    /// <summary>Prompt of the NameCallback.</summary>
    public const string Prompt = "User Name";

    public override string TypeId => NodeTypeIds.UsernameCollector;
    public override string DisplayName => "Username Collector";
    public override string Category => NodeCategories.Basic;
    public override string Description => "Asks for the username and stores it in shared state.";
    public override bool CanBeOnPage => true;
}
