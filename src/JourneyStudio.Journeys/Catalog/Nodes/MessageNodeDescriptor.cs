namespace JourneyStudio.Journeys.Catalog.Nodes;

/// <summary>The settings of Message Node, with AM's property names (MessageNode.Config).</summary>
public sealed record MessageNodeConfig
{
    [NodeProperty("message", "Message", Help = "The message shown to the user.")]
    public LocalizedText Message { get; init; } = new(MessageNodeDescriptor.DefaultMessage);

    [NodeProperty("messageYes", "Positive answer", Help = "Label of the button that continues by the True outcome.")]
    public LocalizedText MessageYes { get; init; } = new(MessageNodeDescriptor.DefaultYes);

    [NodeProperty("messageNo", "Negative answer", Help = "Label of the button that continues by the False outcome.")]
    public LocalizedText MessageNo { get; init; } = new(MessageNodeDescriptor.DefaultNo);

    [NodeProperty("stateField", "State field",
        Help = "Name of a shared-state entry that receives the index of the button pressed (0 for the positive answer, 1 for "
               + "the negative), for later nodes to read. Leave empty to store nothing.")]
    public string? StateField { get; init; }
}

/// <summary>
/// Message Node: shows a localized message with a positive and a negative button (a TextOutputCallback and a
/// ConfirmationCallback) and continues by True or False.
/// </summary>
public sealed class MessageNodeDescriptor : DecisionNodeDescriptor<MessageNodeConfig>
{
    /// <summary>AM's texts when the maps are empty (its default.message, default.messageYes and default.messageNo).</summary>
    public const string DefaultMessage = "Default message";
    public const string DefaultYes = "Yes";
    public const string DefaultNo = "No";

    public override string TypeId => NodeTypeIds.Message;
    public override string DisplayName => "Message Node";
    public override string Category => NodeCategories.Utilities;
    public override string Description => "Shows a message with a positive and a negative answer and continues by the one the user picks.";
    public override bool CanBeOnPage => true;
}
