using JourneyStudio.Journeys.Model;

namespace JourneyStudio.Journeys.Catalog.Nodes;

/// <summary>
/// Page Node: shows the callbacks of its child nodes together on one page. Its real outcomes are its last
/// child's; <see cref="NodeCatalog.GetOutcomes"/> computes those from the node instance, so the descriptor alone
/// can only offer the single outcome of an empty page.
/// </summary>
public sealed class PageNodeDescriptor : NodeDescriptor
{
    private static readonly IReadOnlyList<ConfigProperty> PropertyList =
    [
        SharedProperties.LocalizedMessage("pageHeader", "Page Header", "Heading shown above the page's fields.", null),
        SharedProperties.LocalizedMessage("pageDescription", "Page Description", "Text shown under the heading; may contain HTML links.", null),
        new()
        {
            Name = "stage", Label = "Stage", Kind = ConfigValueKind.Text,
            Help = "Optional name passed to the client with the page, so a custom UI can choose how to render it.",
        },
    ];

    public override string TypeId => NodeTypeIds.PageNode;
    public override string DisplayName => "Page Node";
    public override string Category => NodeCategories.Basic;
    public override string Description => "Combines several input nodes into a single page shown to the user.";
    public override IReadOnlyList<ConfigProperty> Properties => PropertyList;

    public override IReadOnlyList<NodeOutcome> GetOutcomes(NodeConfig config) => SingleOutcome;
}
