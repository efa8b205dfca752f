using JourneyStudio.Testing;

namespace JourneyStudio.Web.Tests.Operations;

/// <summary>The operator settings <c>JourneyStudio:Metrics:Enabled</c> and <c>JourneyStudio:Metrics:Path</c>.</summary>
public sealed class MetricsSettingsTests
{
    [Fact]
    public async Task Path_MovesTheEndpoint()
    {
        await using var server = StudioServer.Start(new Dictionary<string, string?> { ["JourneyStudio:Metrics:Path"] = "/internal/prometheus" });

        var scrape = await PrometheusScrape.ScrapeAsync(server, "internal/prometheus");

        Assert.Contains("# TYPE ", scrape.Text);
        Assert.DoesNotContain("# TYPE ", await AdminGetAsync(server, "metrics"));
    }

    [Fact]
    public async Task Disabled_ServesNoMetrics()
    {
        await using var server = StudioServer.Start(new Dictionary<string, string?> { ["JourneyStudio:Metrics:Enabled"] = "false" });

        Assert.DoesNotContain("# TYPE ", await AdminGetAsync(server, "metrics"));
    }

    [Theory]
    [InlineData("Path", "metrics")]
    [InlineData("Path", "/metrics?x=1")]
    [InlineData("Enabled", "yes")]
    public void BadValue_StopsStartup_NamingTheSetting(string setting, string value)
    {
        var error = Assert.ThrowsAny<Exception>(() => StudioServer.Start(new Dictionary<string, string?> { ["JourneyStudio:Metrics:" + setting] = value }));

        Assert.Contains("JourneyStudio:Metrics:" + setting, AllMessages(error));
        Assert.Contains(value, AllMessages(error));
    }

    private static async Task<string> AdminGetAsync(StudioServer server, string path)
    {
        using var http = server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = PrometheusScrape.AdminCredentials();
        using var response = await http.SendAsync(request);
        return await response.Content.ReadAsStringAsync();
    }

    private static string AllMessages(Exception e) => e.InnerException is null ? e.Message : e.Message + " | " + AllMessages(e.InnerException);
}
