using JourneyStudio.Runtime.Persistence;
using System.Net;

namespace JourneyStudio.Web.Tests.BruteForce;

/// <summary>The per-address throttle over real HTTP (five failures per five minutes here; 50 by default).</summary>
public abstract class AddressThrottleTests(ThrottleServer host)
{
    [Fact]
    public async Task AnAddress_AfterItsFailuresOverManyUsernames_IsRefused_EvenForARightPassword_UntilTheWindowEnds()
    {
        var user = await host.CreateUserAsync("spray");
        var wrong = await host.LoginAsync("sprayed-0", "Wrong-password-1");
        for (var i = 1; i < 5; i++) await host.LoginAsync($"sprayed-{i}", "Wrong-password-1");

        var refused = await host.LoginAsync(user, GuessingServer.Password);

        // Answered exactly like a wrong password: the client cannot tell it is throttled.
        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        Assert.Equal(wrong.Text, refused.Text);
        using (var admin = host.Admin())
            Assert.Equal(HttpStatusCode.Unauthorized, (await admin.GetAsync("admin/api/journeys")).StatusCode);
        host.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(HttpStatusCode.OK, (await host.LoginAsync(user, GuessingServer.Password)).Status);
    }
}

public sealed class AddressThrottleTestsOnSqlite(ThrottleServer host) : AddressThrottleTests(host), IClassFixture<ThrottleServer>;

public sealed class AddressThrottleTestsOnPostgres(ThrottleServer.OnPostgres host) : AddressThrottleTests(host), IClassFixture<ThrottleServer.OnPostgres>;
