using System.Net;
using JourneyStudio.Runtime.Diagnostics;
using JourneyStudio.Runtime.Sessions;
using JourneyStudio.Testing;
using System.Text.Json.Nodes;
using JourneyStudio.Web.Tests.Api;
using JourneyStudio.Web.Tests.EndToEnd;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace JourneyStudio.Web.Tests.Operations;

/// <summary>
/// The studio on the SNS transport, against an SNS endpoint on loopback that refuses every request the way SNS
/// refuses revoked credentials: the device's registration fails, the failure is counted by SNS error code, and
/// the device request's log lines (the SNS call included) carry the sign-on that showed the QR code.
/// </summary>
[Collection(MetricsCollection.Name)]
public sealed class SnsFailureTests : IAsyncLifetime
{
    private const string Journey = "Login with Push MFA";
    private const string ErrorCode = "InvalidClientTokenId";

    private readonly CapturingLoggerProvider _logs = new();
    private WebApplication _sns = null!;
    private StudioServer _server = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        _sns = builder.Build();
        _sns.MapPost("/", () => Results.Content(
            $"""<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Sender</Type><Code>{ErrorCode}</Code><Message>The security token included in the request is invalid.</Message></Error><RequestId>7a62c49f</RequestId></ErrorResponse>""",
            "text/xml", statusCode: StatusCodes.Status403Forbidden));
        await _sns.StartAsync();
        var snsUrl = _sns.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        _server = StudioServer.Start(new Dictionary<string, string?>
        {
            ["JourneyStudio:Push:Transport"] = "sns",
            ["JourneyStudio:Push:Sns:Region"] = "eu-west-1",
            ["JourneyStudio:Push:Sns:AccessKeyId"] = "AKIDREVOKED000000001",
            ["JourneyStudio:Push:Sns:SecretAccessKey"] = "revoked-secret",
            ["JourneyStudio:Push:Sns:ServiceUrl"] = snsUrl,
            ["JourneyStudio:Push:Sns:GcmPlatformApplicationArn"] = "arn:aws:sns:eu-west-1:123456789012:app/GCM/journeystudio",
        }, configureServices: services => services.AddSingleton<ILoggerProvider>(_logs));
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _sns.DisposeAsync();
    }

    [Fact]
    public async Task RefusedRegistration_IsCountedByErrorCode_AndLoggedUnderTheSignOn()
    {
        await SignOnJourneys.SeedAsync(_server);
        var before = (await PrometheusScrape.ScrapeAsync(_server)).Value("journeystudio_sns_errors_total", ("error_code", ErrorCode));
        using var client = new AmClient(_server);
        var step = await client.StartAsync(Journey);
        step = await client.SubmitAsync(AmClient.Fill(step.Body, SignOnJourneys.Username, SignOnJourneys.Password), Journey);
        step = await client.SubmitAsync(AmClient.Fill(step.Body, 0), Journey); // Get Authenticator App: Continue
        using var app = new AuthenticatorApp(_server.BaseAddress);

        Assert.Equal(400, await app.ScanAndRegisterAsync(QrCodeUri(step.Body)));

        var after = (await PrometheusScrape.ScrapeAsync(_server)).Value("journeystudio_sns_errors_total", ("error_code", ErrorCode));
        Assert.Equal(before + 1, after);
        var signOnId = Assert.Single(await _server.Services.GetRequiredService<JourneySessionStore>().ListRecentAsync(Journey)).SessionId;
        var refused = Assert.Single(_logs.Entries, e => e.Message.Contains("refused by the transport"));
        Assert.Equal(signOnId, refused.ScopeValue(SignOnLogScope.SignOnIdField));
        Assert.Equal("alpha", refused.ScopeValue(SignOnLogScope.RealmField));
        Assert.Equal(app.Account!.MessageId, refused.ScopeValue(SignOnLogScope.PushMessageIdField));
        Assert.Contains(_logs.Entries, e => e.Category.StartsWith("System.Net.Http.HttpClient.") && e.ScopeValue(SignOnLogScope.SignOnIdField) == signOnId);
    }

    /// <summary>The registration URI of a QR step (the hidden value <c>mfaDeviceRegistration</c>, as the SDK reads it).</summary>
    private static string QrCodeUri(JsonObject step) => step["callbacks"]!.AsArray()
        .Select(c => c!["output"]!.AsArray())
        .Where(o => o.Any(x => (string?)x!["name"] == "id" && (string?)x["value"] == "mfaDeviceRegistration"))
        .Select(o => (string)o.First(x => (string?)x!["name"] == "value")!["value"]!)
        .Single();
}
