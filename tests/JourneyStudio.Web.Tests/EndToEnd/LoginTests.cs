using JourneyStudio.Runtime.Persistence;
namespace JourneyStudio.Web.Tests.EndToEnd;

/// <summary>The shipped "Login" journey: the realm default, one page, no MFA.</summary>
public abstract class LoginTests(EndToEndServer host)
{
    [Fact]
    public async Task RealmDefault_IsTheLoginPage_AndSignsOn()
    {
        var user = await host.CreateUserAsync("login-ok");
        using var signOn = await host.SignOn(journey: null).StartAsync();

        Assert.Equal("Sign In", (string?)signOn.Body["header"]);
        await signOn.EnterCredentialsAsync(user, EndToEndServer.Password);

        signOn.AssertSignedOn();
        Assert.Equal(user, await signOn.SessionUsernameAsync());
    }

    [Fact]
    public async Task WrongPassword_IsALoginFailure()
    {
        var user = await host.CreateUserAsync("login-bad");
        using var signOn = await host.SignOn("Login").StartAsync();

        await signOn.EnterCredentialsAsync(user, "Wrong-password-1");

        signOn.AssertLoginFailure();
    }
}

public sealed class LoginTestsOnSqlite(EndToEndServer host) : LoginTests(host), IClassFixture<EndToEndServer>;

public sealed class LoginTestsOnPostgres(EndToEndServer.OnPostgres host) : LoginTests(host), IClassFixture<EndToEndServer.OnPostgres>;
