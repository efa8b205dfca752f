using JourneyStudio.Runtime.Push;
using JourneyStudio.Runtime.Push.Embedded;
using JourneyStudio.Runtime.Push.Sns;
using JourneyStudio.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyStudio.Web.Tests.Push;

/// <summary>The operator setting JourneyStudio:Push:Transport, checked when the studio starts.</summary>
public sealed class PushTransportStartupTests
{
    [Fact]
    public async Task Default_IsTheEmbeddedTransport()
    {
        await using var server = StudioServer.Start();

        var routed = Assert.IsType<RealmPushTransport>(server.Services.GetRequiredService<IPushTransport>());
        Assert.IsType<EmbeddedPushTransport>(await routed.ResolveAsync("alpha"));
    }

    [Fact]
    public void UnknownTransport_StopsStartup_NamingTheSetting()
    {
        var error = Assert.ThrowsAny<Exception>(() => StudioServer.Start(new Dictionary<string, string?> { ["JourneyStudio:Push:Transport"] = "carrier-pigeon" }));

        Assert.Contains("JourneyStudio:Push:Transport", AllMessages(error));
        Assert.Contains("carrier-pigeon", AllMessages(error));
    }

    [Fact]
    public void Sns_WithoutPlatformApplications_StopsStartup_NamingTheSettings()
    {
        var error = Assert.ThrowsAny<Exception>(() => StudioServer.Start(new Dictionary<string, string?>
        {
            ["JourneyStudio:Push:Transport"] = "sns",
            ["JourneyStudio:Push:Sns:Region"] = "eu-west-1",
            ["JourneyStudio:Push:Sns:AccessKeyId"] = "AKIDEXAMPLE",
            ["JourneyStudio:Push:Sns:SecretAccessKey"] = "secret",
        }));

        Assert.Contains("JourneyStudio:Push:Sns:GcmPlatformApplicationArn", AllMessages(error));
    }

    [Fact]
    public async Task Sns_Configured_IsTheSnsTransport()
    {
        await using var server = StudioServer.Start(new Dictionary<string, string?>
        {
            ["JourneyStudio:Push:Transport"] = "sns",
            ["JourneyStudio:Push:Sns:Region"] = "eu-west-1",
            ["JourneyStudio:Push:Sns:AccessKeyId"] = "AKIDEXAMPLE",
            ["JourneyStudio:Push:Sns:SecretAccessKey"] = "secret",
            ["JourneyStudio:Push:Sns:GcmPlatformApplicationArn"] = "arn:aws:sns:eu-west-1:123456789012:app/GCM/journeystudio",
        });

        var routed = Assert.IsType<RealmPushTransport>(server.Services.GetRequiredService<IPushTransport>());
        Assert.IsType<SnsPushTransport>(await routed.ResolveAsync("alpha"));
    }

    private static string AllMessages(Exception e) => e.InnerException is null ? e.Message : e.Message + " | " + AllMessages(e.InnerException);
}
