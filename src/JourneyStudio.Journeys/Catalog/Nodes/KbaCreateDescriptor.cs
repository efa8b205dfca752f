namespace JourneyStudio.Journeys.Catalog.Nodes;

/// <summary>The settings of KBA Definition, with AM's property names (KbaCreateNode.Config).</summary>
public sealed record KbaCreateConfig
{
    [NodeProperty("message", "Purpose Message", Help = "Text shown with the security questions, saying what they are for.")]
    public LocalizedText Message { get; init; } = new(KbaCreateDescriptor.DefaultMessage);

    [NodeProperty("allowUserDefinedQuestions", "Allow User-Defined Questions",
        Help = "Users may write their own question instead of picking one of the predefined questions.")]
    public bool AllowUserDefinedQuestions { get; init; } = true;
}

/// <summary>KBA Definition: asks the user to pick security questions and answer them (KbaCreateCallback).</summary>
public sealed class KbaCreateDescriptor : SingleOutcomeNodeDescriptor<KbaCreateConfig>
{
    public const string DefaultMessage = "Select a security question";

    public override string TypeId => NodeTypeIds.KbaCreate;
    public override string DisplayName => "KBA Definition";
    public override string Category => NodeCategories.Basic;
    public override string Description => "Asks the user to choose security questions and answers for account recovery.";
    public override bool CanBeOnPage => true;
}
