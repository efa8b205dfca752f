using System.Net;
using JourneyStudio.Testing;
using Npgsql;

namespace JourneyStudio.Web.Tests.Deployment;

/// <summary>
/// An instance dies (SIGKILL: no shutdown code runs) while a user waits on a push: the proxy sends everything to the
/// other instance, which finishes the sign-on from the database, and the dead instance, started again, finds nothing
/// missing. Its own deployment, since it kills one of the instances.
/// </summary>
public sealed class InstanceFailureTests(ProxiedDeployment deployment) : IClassFixture<ProxiedDeployment>
{
    private ProxiedStudios Studios => deployment.Studios;

    [ReverseProxyFact]
    public async Task AKilledWhileAUserWaitsOnPush_BFinishesTheSignOn_AndNothingIsLost()
    {
        var user = await deployment.CreateUserAsync("proxy-kill");
        var (signOn, signOnServed) = deployment.SignOnThroughProxy(ProxiedDeployment.PushJourney);
        var (app, appServed) = deployment.AppThroughProxy();
        using var signingOn = signOn;
        using var phone = app;
        var number = await deployment.SignOnUntilPushAsync(signOn, app, user, next => Studios.AimAtAsync(deployment.A));
        // A sent the push and holds the waiting step.
        Assert.Equal(deployment.A, signOnServed.Last);
        Assert.Contains("PollingWaitCallback", signOn.CallbackTypes);

        await deployment.A.KillAsync();

        var push = await app.ReceiveOneAsync();
        Assert.Equal(200, (await app.AnswerAsync(push, approve: true, number: number)).Status);
        var afterKill = signOnServed.Entries.Count;
        await ProxiedDeployment.PollUntilPastWaitAsync(signOn);
        signOn.AssertSignedOn();
        Assert.Equal(user, await signOn.SessionUsernameAsync());
        // After the kill, only B answered (nginx tries A, finds it gone and passes the request on).
        Assert.All(appServed.Entries.TakeLast(2).Concat(signOnServed.Entries.Skip(afterKill)), e => Assert.Equal(deployment.B, e.Instance));

        // Nothing was lost: the device and its recovery codes A stored, the push answered once, one session; and A,
        // started again on its empty-handed data directory, accepts the session B issued.
        Assert.Equal(1L, await ScalarAsync("SELECT COUNT(*) FROM \"MfaDevices\" WHERE \"Username\" = @user", user));
        Assert.True((long)(await ScalarAsync("SELECT COUNT(*) FROM \"RecoveryCodes\" WHERE \"Username\" = @user", user))! > 0);
        Assert.Equal(1L, await ScalarAsync("SELECT COUNT(*) FROM \"UserSessions\" WHERE \"Username\" = @user", user));
        await deployment.A.RestartAsync();
        using var onA = new HttpClient { BaseAddress = deployment.A.Address };
        using var info = new HttpRequestMessage(HttpMethod.Post, "json/realms/root/realms/alpha/sessions?_action=getSessionInfo")
        {
            Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json"),
        };
        info.Headers.Add("iPlanetDirectoryPro", signOn.SessionCookie);
        using var response = await onA.SendAsync(info);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(user, await response.Content.ReadAsStringAsync());
    }

    private async Task<object?> ScalarAsync(string sql, string user)
    {
        await using var connection = new NpgsqlConnection(Studios.Database);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("user", user);
        return await command.ExecuteScalarAsync();
    }
}
