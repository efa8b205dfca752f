using System.Net;
using System.Text;
using JourneyStudio.Runtime.Diagnostics;
using JourneyStudio.Testing;
using JourneyStudio.Web.Tests.EndToEnd;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyStudio.Web.Tests.Operations;

/// <summary>
/// <c>/metrics</c>: Prometheus text for admins only, on the studio's port; the studio's counters move with what
/// users and devices do over HTTP. In its own collection, without parallel neighbours, so that no other studio
/// in this test process records on a meter of the same name while the counters are compared.
/// </summary>
[Collection(MetricsCollection.Name)]
public sealed class MetricsEndpointTests(EndToEndServer host) : IClassFixture<EndToEndServer>
{
    private const string Journey = "Login with Push MFA";
    private static readonly (string, string) Alpha = ("realm", "alpha");
    private static readonly (string, string) PushJourney = ("journey", Journey);

    [Fact]
    public async Task AnonymousAndEndUsers_Get401_NeverTheMetrics()
    {
        var user = await host.CreateUserAsync("metrics-user");
        using var http = host.Server.CreateClient();

        using var anonymous = await http.GetAsync("metrics");
        using var request = new HttpRequestMessage(HttpMethod.Get, "metrics");
        request.Headers.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{EndToEndServer.Password}")));
        using var endUser = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        // No Basic challenge: a browser would remember the credentials it is asked for.
        Assert.DoesNotContain("Basic", anonymous.Headers.WwwAuthenticate.ToString());
        Assert.DoesNotContain("journeystudio_", await anonymous.Content.ReadAsStringAsync());
        // Admin authentication knows only admins: an end user's right password is as wrong as any other.
        Assert.Equal(HttpStatusCode.Unauthorized, endUser.StatusCode);
        Assert.DoesNotContain("journeystudio_", await endUser.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SignOnsAndPushes_MoveTheCounters_TaggedWithJourneyAndRealm()
    {
        var before = await PrometheusScrape.ScrapeAsync(host.Server);

        // 1: a new user registers a device and approves the number (6 authenticate requests).
        var user = await host.CreateUserAsync("metrics");
        using var app = host.NewAuthenticatorApp();
        using (var signOn = await host.SignOn(Journey).StartAsync())
        {
            await signOn.EnterCredentialsAsync(user, EndToEndServer.Password);
            await signOn.PressAsync("Continue");
            Assert.Equal(200, await app.ScanAndRegisterAsync(signOn.ScanQrCode()));
            await signOn.PollAsync();
            await signOn.SubmitAsync();
            var number = int.Parse(signOn.HiddenValue("pushChallengeNumber")!);
            Assert.Equal(200, (await app.AnswerAsync(await app.ReceiveOneAsync(), number: number)).Status);
            host.Clock.Advance(TimeSpan.FromSeconds(5));
            await signOn.PollAsync();
            signOn.AssertSignedOn();
        }
        // 2: denied on the device (3 requests). 3: the wrong number picked (3 requests).
        await PushAndAnswerAsync(user, app, (push, _) => app.AnswerAsync(push, approve: false));
        await PushAndAnswerAsync(user, app, (push, shown) => app.AnswerAsync(push, number: push.Numbers.First(n => n != shown)));
        // 4: a wrong password (2 requests).
        using (var wrong = await host.SignOn(Journey).StartAsync())
        {
            await wrong.EnterCredentialsAsync(user, "not-the-password");
            wrong.AssertLoginFailure();
        }
        // 5: the push is not answered in time, so the journey sends another and waits again (3 requests).
        using var waiting = await host.SignOn(Journey).StartAsync();
        await waiting.EnterCredentialsAsync(user, EndToEndServer.Password);
        host.Clock.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(5));
        await waiting.PollAsync();
        Assert.NotNull(waiting.HiddenValue("pushChallengeNumber"));

        var after = await PrometheusScrape.ScrapeAsync(host.Server);

        double Delta(string name, params (string, string)[] labels) => after.Value(name, labels) - before.Value(name, labels);
        Assert.Equal(5, Delta("journeystudio_signons_started_total", PushJourney, Alpha));
        Assert.Equal(1, Delta("journeystudio_signons_succeeded_total", PushJourney, Alpha));
        Assert.Equal(3, Delta("journeystudio_signons_failed_total", PushJourney, Alpha));
        Assert.Equal(17, Delta("journeystudio_journey_step_duration_seconds_count", PushJourney));
        Assert.Equal(17, Delta("journeystudio_journey_step_duration_seconds_bucket", PushJourney, ("le", "+Inf")));
        Assert.True(Delta("journeystudio_journey_step_duration_seconds_sum", PushJourney) > 0);
        Assert.Equal(5, Delta("journeystudio_push_sent_total", Alpha, ("transport", "embedded")));
        Assert.Equal(1, Delta("journeystudio_push_approved_total", Alpha));
        Assert.Equal(1, Delta("journeystudio_push_denied_total", Alpha));
        Assert.Equal(1, Delta("journeystudio_push_number_challenge_failed_total", Alpha));
        Assert.Equal(1, Delta("journeystudio_push_expired_total", Alpha));
        // Counted in the database when scraped: only the sign-on waiting for its second push is still in progress.
        Assert.Equal(1, after.Value("journeystudio_signons_active"));
        // ASP.NET Core's request metrics and the .NET runtime's come along.
        Assert.True(after.Has("http_server_request_duration_seconds_count"), after.Text);
        Assert.True(after.Has("dotnet_process_cpu_count"), after.Text);
    }

    [Fact]
    public async Task Lockouts_ReportedByTheBruteForceProtection_AreCounted()
    {
        var metrics = host.Server.Services.GetRequiredService<JourneyStudioMetrics>();
        var before = (await PrometheusScrape.ScrapeAsync(host.Server)).Value("journeystudio_accounts_locked_out_total");

        metrics.AccountLockedOut();
        metrics.AccountLockedOut();

        Assert.Equal(before + 2, (await PrometheusScrape.ScrapeAsync(host.Server)).Value("journeystudio_accounts_locked_out_total"));
    }

    /// <summary>A sign-on of the registered user whose push the device answers with <paramref name="answer"/>; it must fail.</summary>
    private async Task PushAndAnswerAsync(string user, AuthenticatorApp app, Func<PushNotification, int, Task<(int Status, string? Message)>> answer)
    {
        using var signOn = await host.SignOn(Journey).StartAsync();
        await signOn.EnterCredentialsAsync(user, EndToEndServer.Password);
        var shown = int.Parse(signOn.HiddenValue("pushChallengeNumber")!);
        Assert.Equal(200, (await answer(await app.ReceiveOneAsync(), shown)).Status);
        host.Clock.Advance(TimeSpan.FromSeconds(5));
        await signOn.PollAsync();
        signOn.AssertLoginFailure();
    }
}

/// <summary>Tests that compare the studio's counters run alone: every studio in this process shares the meter's name.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection
{
    public const string Name = "Metrics";
}
