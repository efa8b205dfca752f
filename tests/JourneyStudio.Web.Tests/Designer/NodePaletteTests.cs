using Bunit;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Web.Designer;
using MudBlazor.Services;

namespace JourneyStudio.Web.Tests.Designer;

public sealed class NodePaletteTests : BunitContext
{
    public NodePaletteTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    [Fact]
    public void ListsEveryNodeType_GroupedByCategoryInPaletteOrder()
    {
        var palette = Render<NodePalette>();

        var items = palette.FindAll("[data-testid=palette-item]");
        Assert.Equal(NodeCatalog.Default.All.Count, items.Count);
        Assert.Equal(NodeCatalog.Default.All.Select(d => d.TypeId), items.Select(i => i.GetAttribute("data-node-type")));
        var categories = palette.FindAll("[data-testid=palette-category]").Select(c => c.GetAttribute("data-category")).ToList();
        Assert.Equal(NodeCategories.Ordered.Where(categories.Contains), categories);
        Assert.Equal(NodeCatalog.Default.All.Select(d => d.Category).Distinct().Count(), categories.Count);

        var pushSender = palette.Find($"[data-category='{NodeCategories.Mfa}'] [data-node-type='{NodeTypeIds.PushSender}']");
        Assert.Equal("true", pushSender.GetAttribute("draggable"));
    }

    [Fact]
    public void Search_KeepsMatchingTypesAndTheirCategoriesOnly()
    {
        var palette = Render<NodePalette>();

        palette.Find("[data-testid=palette-search] input, input[data-testid=palette-search]").Input("push");

        var types = palette.FindAll("[data-testid=palette-item]").Select(i => i.GetAttribute("data-node-type")).ToList();
        Assert.Contains(NodeTypeIds.PushSender, types);
        Assert.Contains(NodeTypeIds.PushWait, types);
        Assert.DoesNotContain(NodeTypeIds.UsernameCollector, types);
        Assert.All(types, t => Assert.Contains("push", NodeCatalog.Default.Find(t!)!.DisplayName + NodeCatalog.Default.Find(t!)!.Description + t,
            StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(palette.FindAll("[data-testid=palette-category]"), c => c.GetAttribute("data-category") == NodeCategories.Basic);
    }

    [Fact]
    public void Search_WithoutMatches_SaysSo()
    {
        var palette = Render<NodePalette>();
        palette.Find("input").Input("zzz-nothing");
        Assert.Empty(palette.FindAll("[data-testid=palette-item]"));
        Assert.Contains("zzz-nothing", palette.Find("[data-testid=palette-empty]").TextContent);
    }

    [Fact]
    public void DragStart_ReportsTheDescriptor()
    {
        NodeDescriptor? dragged = null;
        var palette = Render<NodePalette>(p => p.Add(x => x.OnDragStart, d => dragged = d));

        palette.Find($"[data-node-type='{NodeTypeIds.PageNode}']").TriggerEvent("ondragstart", new Microsoft.AspNetCore.Components.Web.DragEventArgs());

        Assert.Equal(NodeTypeIds.PageNode, dragged?.TypeId);
    }
}
