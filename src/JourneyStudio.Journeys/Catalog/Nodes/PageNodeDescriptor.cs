namespace JourneyStudio.Journeys.Catalog.Nodes;

/// <summary>The settings of a Page node.</summary>
public sealed record PageNodeConfig
{
    [NodeProperty("pageHeader", "Page Header", Help = "Heading shown above the page's fields.")]
    public LocalizedText PageHeader { get; init; } = new();

    [NodeProperty("pageDescription", "Page Description", Help = "Text shown under the heading; may contain HTML links.")]
    public LocalizedText PageDescription { get; init; } = new();

    [NodeProperty("stage", "Stage",
        Help = "Optional name passed to the client with the page, so a custom UI can choose how to render it.")]
    public string? Stage { get; init; }
}

/// <summary>
/// Page Node: shows the callbacks of its child nodes together on one page. Its real outcomes are its last
/// child's; <see cref="NodeCatalog.GetOutcomes"/> computes those from the node instance, so the descriptor alone
/// can only offer the single outcome of an empty page. The engine runs this node itself (it has no processor).
/// </summary>
public sealed class PageNodeDescriptor : SingleOutcomeNodeDescriptor<PageNodeConfig>
{
    public override string TypeId => NodeTypeIds.PageNode;
    public override string DisplayName => "Page Node";
    public override string Category => NodeCategories.Basic;
    public override string Description => "Combines several input nodes into a single page shown to the user.";
}
