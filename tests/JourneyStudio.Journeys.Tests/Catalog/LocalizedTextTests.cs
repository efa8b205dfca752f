using JourneyStudio.Journeys.Catalog;

namespace JourneyStudio.Journeys.Tests.Catalog;

public sealed class LocalizedTextTests
{
    private static readonly Dictionary<string, string> Messages = new() { ["de"] = "Hallo", ["en"] = "Hello", ["fr"] = "Salut" };

    [Theory]
    [InlineData(new[] { "fr-FR" }, "Salut")]
    [InlineData(new[] { "es", "de-AT" }, "Hallo")]
    [InlineData(new string[0], "Hello")]
    public void Resolve_PrefersTheClientsLocaleThenEnglish(string[] preferred, string expected)
    {
        Assert.Equal(expected, new LocalizedText("Default").WithMessages(Messages).Resolve(preferred));
    }

    [Fact]
    public void Resolve_NoEnglish_TakesTheFirstLocale()
    {
        Assert.Equal("Hallo", LocalizedText.Localize(new Dictionary<string, string> { ["de"] = "Hallo", ["fr"] = "Salut" }, []));
        Assert.Null(LocalizedText.Localize(new Dictionary<string, string>(), ["en"]));
    }

    [Fact]
    public void Resolve_EmptyMap_GivesTheFallback()
    {
        Assert.Equal("Cancel", new LocalizedText("Cancel").Resolve(["de"]));
        Assert.Equal("", new LocalizedText().Resolve(["de"]));
    }
}
