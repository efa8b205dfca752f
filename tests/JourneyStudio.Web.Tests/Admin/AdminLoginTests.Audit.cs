using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using JourneyStudio.Runtime.Audit;
using JourneyStudio.Testing;

namespace JourneyStudio.Web.Tests.Admin;

/// <summary>Admin sign-ins in the audit log: form successes and failures, API failures; never a password.</summary>
public sealed partial class AdminLoginTests
{
    private IReadOnlyList<AuditEvent> SignInsOf(string actor) =>
        [.. fixture.Audit.Of(AuditActions.AdminSignIn).Where(e => e.Actor == actor)];

    private static void AssertNoSecret(IEnumerable<AuditEvent> events, string secret) =>
        Assert.DoesNotContain(secret, JsonSerializer.Serialize(events));

    [Fact]
    public async Task FormSignIn_RecordsSuccessAndFailure_WithoutThePassword()
    {
        using var browser = NewBrowser();
        var before = SignInsOf(StudioServer.AdminUsername).Count;

        await SignInAsync(browser, password: "Wrong-form-password-1");
        await SignInAsync(browser);

        var recorded = SignInsOf(StudioServer.AdminUsername).Skip(before).ToList();
        Assert.Equal([false, true], recorded.Select(e => e.Succeeded));
        Assert.All(recorded, e => Assert.Equal("studio", e.Channel));
        Assert.All(recorded, e => Assert.False(string.IsNullOrEmpty(e.RemoteAddress)));
        AssertNoSecret(fixture.Audit.Events, "Wrong-form-password-1");
        AssertNoSecret(fixture.Audit.Events, StudioServer.AdminPassword);
    }

    [Fact]
    public async Task ApiBasic_RecordsFailures_NotEverySuccessfulRequest()
    {
        HttpClient Api(string username, string password)
        {
            var client = fixture.Server.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")));
            return client;
        }
        var before = fixture.Audit.Of(AuditActions.AdminSignIn).Count;

        Assert.Equal(HttpStatusCode.OK, (await Api(StudioServer.AdminUsername, StudioServer.AdminPassword).GetAsync("/admin/api/journeys")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Api("api.guesser", "Guessed-password-1").GetAsync("/admin/api/journeys")).StatusCode);

        var recorded = Assert.Single(fixture.Audit.Of(AuditActions.AdminSignIn).Skip(before));
        Assert.Equal("api.guesser", recorded.Actor);
        Assert.False(recorded.Succeeded);
        Assert.Equal("api", recorded.Channel);
        AssertNoSecret(fixture.Audit.Events, "Guessed-password-1");
    }
}
