using JourneyStudio.Journeys.Model;
using JourneyStudio.Runtime.Callbacks;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyStudio.Runtime.Tests.Engine;

public sealed class NodeContextTests
{
    private static readonly Dictionary<string, string> Messages = new() { ["de"] = "Hallo", ["en"] = "Hello", ["fr"] = "Salut" };

    [Theory]
    [InlineData(new[] { "fr-FR" }, "Salut")]
    [InlineData(new[] { "es", "de-AT" }, "Hallo")]
    [InlineData(new string[0], "Hello")]
    public void Localize_PrefersTheClientsLocaleThenEnglish(string[] preferred, string expected)
    {
        Assert.Equal(expected, NodeContext.Localize(Messages, preferred));
    }

    [Fact]
    public void Localize_NoEnglish_TakesTheFirstLocale()
    {
        Assert.Equal("Hallo", NodeContext.Localize(new Dictionary<string, string> { ["de"] = "Hallo", ["fr"] = "Salut" }, []));
        Assert.Null(NodeContext.Localize(new Dictionary<string, string>(), ["en"]));
    }

    [Fact]
    public async Task Create_RunsAProcessorOutsideTheEngine()
    {
        var node = new JourneyNode { Id = "p", NodeType = "PasswordCollectorNode" };
        var first = NodeContext.Create(node, NodeConfig.Empty, new ServiceCollection().BuildServiceProvider());
        var processor = new PasswordCollectorNodeProcessor();

        var sent = await processor.ProcessAsync(first);
        var second = NodeContext.Create(node, NodeConfig.Empty, first.Services, callbacks: [sent.Callbacks![0].WithInputValue(0, "pw")]);
        var answered = await processor.ProcessAsync(second);

        Assert.Equal(Callback.PasswordType, sent.Callbacks[0].Type);
        Assert.Equal("outcome", answered.Outcome);
        Assert.Equal("pw", second.GetTransientString("password"));
        Assert.Empty(second.SharedState);
    }
}
