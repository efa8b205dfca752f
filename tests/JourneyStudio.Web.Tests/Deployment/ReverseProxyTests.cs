using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using JourneyStudio.Testing;
using JourneyStudio.Web.Tests.Api;
using Npgsql;

namespace JourneyStudio.Web.Tests.Deployment;

/// <summary>
/// The deployment shape of the README's "Running several instances", over real HTTP through nginx: two studio
/// processes on one PostgreSQL database, each with its own data directory. The APIs alternate between the instances,
/// so any step, device request or admin change may land on either; the proxy's <c>X-Served-By</c> header shows which.
/// </summary>
public sealed class ReverseProxyTests(ProxiedDeployment deployment) : IClassFixture<ProxiedDeployment>
{
    private ProxiedStudios Studios => deployment.Studios;

    [ReverseProxyFact]
    public async Task TheProxy_AlternatesApiRequestsBetweenTheInstances_AndSetsTheirPublicAddress()
    {
        using var http = Studios.CreateClient();
        var served = new List<StudioInstance>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await http.GetAsync("health/ready");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            served.Add(Studios.ServedBy(response));
        }

        Assert.Equal(4, served.Count);
        for (var i = 1; i < served.Count; i++) Assert.NotEqual(served[i - 1], served[i]);
        Assert.NotEqual(deployment.A.DataDirectory, deployment.B.DataDirectory);
    }

    [ReverseProxyFact]
    public async Task ASignOnStartedOnA_FinishesOnB_AndTheSessionIsValidOnBoth()
    {
        var user = await deployment.CreateUserAsync("proxy");
        var (signOn, served) = deployment.SignOnThroughProxy("Login");
        using var _ = signOn;

        await Studios.AimAtAsync(deployment.A);
        await signOn.StartAsync();
        Assert.Equal(deployment.A, served.Last);
        await signOn.EnterCredentialsAsync(user, ProxiedDeployment.Password);
        Assert.Equal(deployment.B, served.Last);
        signOn.AssertSignedOn();

        // The session cookie B issued is read by both: getSessionInfo on A, the profile on B.
        Assert.Equal(user, await signOn.SessionUsernameAsync());
        Assert.Equal([deployment.A, deployment.B], served.Entries.Skip(2).Select(e => e.Instance));
    }

    [ReverseProxyFact]
    public async Task ADeviceRegistersAndAnswersThePushOnB_WhileAHoldsTheWaitingSignOn()
    {
        var user = await deployment.CreateUserAsync("proxy-push");
        var (signOn, signOnServed) = deployment.SignOnThroughProxy(ProxiedDeployment.PushJourney);
        var (app, appServed) = deployment.AppThroughProxy();
        using var __ = signOn;
        using var ___ = app;

        // Every step of the sign-on on A, every request of the phone on B.
        var number = await deployment.SignOnUntilPushAsync(signOn, app, user, next =>
            Studios.AimAtAsync(next == "register" ? deployment.B : deployment.A));
        Assert.All(signOnServed.Entries, e => Assert.Equal(deployment.A, e.Instance));

        await Studios.AimAtAsync(deployment.B);
        var push = await app.ReceiveOneAsync();
        await Studios.AimAtAsync(deployment.B);
        Assert.Equal(200, (await app.AnswerAsync(push, approve: true, number: number)).Status);
        Assert.Equal([deployment.B, deployment.B, deployment.B], appServed.Entries.Select(e => e.Instance));
        // The QR code sent the phone to the proxy (PublicBaseUrl), not to the instance that drew it.
        Assert.StartsWith(Studios.BaseAddress.ToString(), app.Account!.RegisterUrl);

        await ProxiedDeployment.PollUntilPastWaitAsync(signOn);
        signOn.AssertSignedOn();
        Assert.Equal(user, await signOn.SessionUsernameAsync());
    }

    [ReverseProxyFact]
    public async Task TheSameStep_SubmittedToAAndBAtOnce_SucceedsExactlyOnce()
    {
        var user = await deployment.CreateUserAsync("proxy-race");
        for (var round = 0; round < 3; round++)
        {
            var (first, served) = deployment.SignOnThroughProxy("Login");
            using var _ = first;
            await first.StartAsync();
            var step = AmClient.Fill(first.Body, user, ProxiedDeployment.Password).ToJsonString();

            // Two clients (a double click, a retry) send the same authId and inputs at the same moment.
            var log = new ServedByLog();
            using var one = new AmClient(Studios.BaseAddress, log.Recording(Studios));
            using var other = new AmClient(Studios.BaseAddress, log.Recording(Studios));
            var url = AmClient.AuthenticateUrl("Login");
            var answers = await Task.WhenAll(one.PostAsync(url, step), other.PostAsync(url, step));

            Assert.Equal(new HashSet<StudioInstance> { deployment.A, deployment.B }, log.Entries.Select(e => e.Instance).ToHashSet());
            var succeeded = answers.Where(a => a.Status == HttpStatusCode.OK && a.Body["tokenId"] is not null).ToList();
            Assert.True(succeeded.Count == 1, $"Round {round}: " + string.Join(" | ", answers.Select(a => $"{(int)a.Status} {a.Text}")));
            var refused = Assert.Single(answers, a => a != succeeded[0]);
            Assert.True(refused.Status is HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest, $"{(int)refused.Status} {refused.Text}");
            Assert.Null(refused.Body["tokenId"]);
        }
        Assert.Equal(3L, await ScalarAsync("SELECT COUNT(*) FROM \"UserSessions\" WHERE \"Username\" = @user", user));
    }

    [ReverseProxyFact]
    public async Task AJourneySavedThroughA_IsServedByBAtOnce()
    {
        var header = "Saved on one instance " + Guid.NewGuid().ToString("N")[..6];
        var (signOn, served) = deployment.SignOnThroughProxy("Login");
        using var _ = signOn;
        // B has served the journey before the change.
        await Studios.AimAtAsync(deployment.B);
        await signOn.StartAsync();
        Assert.Equal(deployment.B, served.Last);
        Assert.NotEqual(header, (string?)signOn.Body["header"]);

        var savedBy = await deployment.SaveJourneyAsync("Login", export =>
        {
            foreach (var (_, node) in export["nodes"]!.AsObject())
                if ((string?)node!["_type"]!["_id"] == "PageNode") node["pageHeader"] = new JsonObject { ["en"] = header };
        }, putOn: deployment.A);
        Assert.Equal(deployment.A, savedBy);
        // The very next request, on B: a new sign-on runs the new revision.
        await signOn.StartAsync();

        Assert.Equal(deployment.B, served.Last);
        Assert.Equal(header, (string?)signOn.Body["header"]);
    }

    [ReverseProxyFact]
    public async Task BehindTheProxy_TheStudioRecordsTheClientsAddress_FromTheProxysForwardedHeader_NotAClaimedOne()
    {
        // The client connects to the proxy from 127.0.0.3; nginx connects to the instances from 127.0.0.1.
        var client = IPAddress.Parse("127.0.0.3");
        using var http = new HttpClient(new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                socket.Bind(new IPEndPoint(client, 0));
                await socket.ConnectAsync(IPAddress.Parse(context.DnsEndPoint.Host), context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
        }) { BaseAddress = Studios.BaseAddress };
        var username = "proxy-addr-" + Guid.NewGuid().ToString("N")[..6];
        using var create = ProxiedStudios.AdminRequest(HttpMethod.Post, "identities", new JsonObject
        {
            ["username"] = username, ["password"] = ProxiedDeployment.Password, ["mail"] = username + "@example.com",
        }.ToJsonString());
        // A client may claim any address; the proxy appends the one it saw, and only that one counts.
        create.Headers.Add("X-Forwarded-For", "203.0.113.7");
        using var created = await http.SendAsync(create);
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());

        using var audit = await http.SendAsync(ProxiedStudios.AdminRequest(HttpMethod.Get, $"audit?action=identity.create&target={username}"));
        var entry = Assert.Single(JsonNode.Parse(await audit.Content.ReadAsStringAsync())!.AsArray());
        Assert.Equal("127.0.0.3", (string?)entry!["clientAddress"]);
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
