using System.Net;
using JourneyStudio.Testing;
using JourneyStudio.Web.Tests.Api;
using JourneyStudio.Web.Tests.EndToEnd;

namespace JourneyStudio.Web.Tests.Database;

/// <summary>
/// Two studios on one PostgreSQL database, each with its own data directory (so nothing but the database is shared):
/// what one hands out, the other accepts. The key ring is in the database, so authIds and device secrets protected by
/// one instance are read by the other.
/// </summary>
public sealed class SeveralInstancesTests : IAsyncLifetime
{
    private EndToEndServer _a = null!;
    private EndToEndServer _b = null!;

    public async Task InitializeAsync()
    {
        _a = new EndToEndServer.OnPostgres();
        await _a.InitializeAsync();
        _b = new EndToEndServer.OnPostgres { SharedPostgresDatabase = _a.Server.PostgresConnectionString, Clock = _a.Clock };
        await _b.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _b.DisposeAsync();
        await _a.DisposeAsync();
    }

    [Fact]
    public async Task TheInstances_HaveTheirOwnDataDirectories_AndShareNoKeyFiles()
    {
        Assert.NotEqual(_a.Server.DataDirectory, _b.Server.DataDirectory);
        Assert.False(Directory.Exists(Path.Combine(_a.Server.DataDirectory, "keys")));
        Assert.False(Directory.Exists(Path.Combine(_b.Server.DataDirectory, "keys")));
        Assert.False(File.Exists(Path.Combine(_a.Server.DataDirectory, "journeystudio.db")));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task ASignOnStartedOnA_ContinuesOnB_AndItsSessionIsValidOnA()
    {
        var user = await _a.CreateUserAsync("multi");
        using var onA = new AmClient(_a.Server);
        using var onB = new AmClient(_b.Server);

        var first = await onA.StartAsync("Login");
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.NotNull(first.Body["authId"]);

        var done = await onB.SubmitAsync(AmClient.Fill(first.Body, user, EndToEndServer.Password), "Login");

        Assert.Equal(HttpStatusCode.OK, done.Status);
        var tokenId = (string)done.Body["tokenId"]!;
        var info = await onA.PostAsync($"{AmClient.AlphaPath}/sessions?_action=getSessionInfo", "{}",
            new Dictionary<string, string> { ["iPlanetDirectoryPro"] = tokenId });
        Assert.Equal(HttpStatusCode.OK, info.Status);
        Assert.Equal(user, (string?)info.Body["username"]);
    }

    [Fact]
    public async Task ADeviceRegisteredOnA_AnswersAPushThroughB_WhileAHoldsTheWaitingSignOn()
    {
        const string journey = "Login with Push MFA";
        var user = await _a.CreateUserAsync("multi-push");
        using var app = _a.NewAuthenticatorApp();
        using var signOn = await _a.SignOn(journey).StartAsync();
        await signOn.EnterCredentialsAsync(user, EndToEndServer.Password);
        await signOn.PressAsync("Continue");
        // Registered on A: A encrypts the device's secret with the key ring.
        Assert.Equal(200, await app.ScanAndRegisterAsync(signOn.ScanQrCode()));
        await signOn.PollAsync();
        signOn.RecoveryCodes();
        await signOn.SubmitAsync();
        var number = int.Parse(signOn.HiddenValue("pushChallengeNumber")!);

        // From here the phone reaches B only: B reads the push from the shared inbox and checks the answer's
        // signature with the secret A encrypted.
        app.Through = _b.Server.BaseAddress;
        var push = await app.ReceiveOneAsync();
        Assert.Equal(200, (await app.AnswerAsync(push, approve: true, number: number)).Status);
        _a.Clock.Advance(TimeSpan.FromSeconds(5));
        await signOn.PollAsync();

        signOn.AssertSignedOn();
        Assert.Equal(user, await signOn.SessionUsernameAsync());
    }
}
