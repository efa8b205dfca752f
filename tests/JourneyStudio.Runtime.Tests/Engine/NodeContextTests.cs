using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Catalog.Nodes;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Runtime.Callbacks;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Nodes;

namespace JourneyStudio.Runtime.Tests.Engine;

public sealed class NodeContextTests
{
    [Fact]
    public async Task Create_RunsAProcessorOutsideTheEngine()
    {
        var node = new JourneyNode { Id = "p", NodeType = NodeTypeIds.PasswordCollector };
        var first = NodeContext.Create(node);
        var processor = new PasswordCollectorNodeProcessor();

        var sent = await processor.ProcessAsync(first, new NoConfig());
        var second = NodeContext.Create(node, callbacks: [sent.Callbacks![0].WithInputValue(0, "pw")]);
        var answered = await processor.ProcessAsync(second, new NoConfig());

        Assert.Equal(Callback.PasswordType, sent.Callbacks[0].Type);
        Assert.Equal(PasswordCollectorDescriptor.Outcome, answered.Outcome);
        Assert.Equal("pw", second.GetTransientString("password"));
        Assert.Empty(second.SharedState);
    }

    [Fact]
    public void Localize_UsesTheRequestsPreferredLocales()
    {
        var context = NodeContext.Create(new JourneyNode { Id = "m", NodeType = NodeTypeIds.Message },
            request: new JourneyRequestInfo { PreferredLocales = ["fr-CA"] });
        var text = new LocalizedText("Default").WithMessages(new Dictionary<string, string> { ["en"] = "Hello", ["fr"] = "Bonjour" });

        Assert.Equal("Bonjour", context.Localize(text));
        Assert.Equal("Default", context.Localize(new LocalizedText("Default")));
    }
}
