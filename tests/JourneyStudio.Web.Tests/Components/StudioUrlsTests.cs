using JourneyStudio.Web.Components;
using Microsoft.Extensions.Configuration;

namespace JourneyStudio.Web.Tests.Components;

public sealed class StudioUrlsTests
{
    private static IConfiguration Settings(string? publicBaseUrl) => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { [StudioUrls.PublicBaseUrlSetting] = publicBaseUrl }).Build();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Preview_WithoutAPublicBaseUrl_UsesTheBrowsersAddress(string? publicBaseUrl) =>
        Assert.Equal("http://localhost:5000/login?journey=Login%20with%20MFA",
            StudioUrls.Preview(Settings(publicBaseUrl), "http://localhost:5000/", "Login with MFA"));

    [Fact]
    public void Preview_WithAPublicBaseUrl_UsesItTrimmed() =>
        Assert.Equal("https://sso.example.com/studio/login?journey=Login",
            StudioUrls.Preview(Settings(" https://sso.example.com/studio/ "), "http://localhost:5000/", "Login"));

    [Fact]
    public void Editor_EscapesTheName() =>
        Assert.Equal("/journeys/a%2Fb%20c/edit", StudioUrls.Editor("a/b c"));
}
