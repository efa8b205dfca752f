using System.Net;
using Microsoft.IdentityModel.JsonWebTokens;

namespace JourneyStudio.Web.Tests.OAuth2;

/// <summary>Key rotation on its own server: it moves the clock by weeks.</summary>
public sealed class OAuth2KeyRotationTests : IAsyncLifetime
{
    private readonly OAuth2Server _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

    private async Task<(string Kid, string IdToken)> SignInAsync(OAuthBrowser browser, string clientId)
    {
        var pkce = Pkce.New();
        var (status, tokens) = await browser.ExchangeAsync(clientId, await browser.CodeAsync(clientId, pkce), pkce);
        Assert.Equal(HttpStatusCode.OK, status);
        var idToken = (string)tokens["id_token"]!;
        return (new JsonWebToken(idToken).Kid, idToken);
    }

    private async Task<List<string>> PublishedAsync() => (await _host.JwksAsync()).Keys.Select(k => k.Kid).ToList();

    [Fact]
    public async Task SigningKeys_ArePublishedBeforeTheySign_AndStayPublishedUntilTheirTokensExpire()
    {
        var (clientId, _) = await _host.CreatePublicClientAsync("keys");
        var username = await _host.CreateUserAsync("keys");
        using var browser = await _host.BrowserAsync(username);
        var (first, firstToken) = await SignInAsync(browser, clientId);
        Assert.Equal([first], await PublishedAsync());

        // Two days before the key's 30 days are over, the next one is made and published, but does not sign yet.
        _host.Clock.Advance(TimeSpan.FromDays(28) + TimeSpan.FromHours(1));
        await browser.SignOnAsync(username);
        await PublishedAsync(); // the request that notices the key is due
        var published = await PublishedAsync();
        Assert.Equal(2, published.Count);
        Assert.Equal(first, (await SignInAsync(browser, clientId)).Kid);

        // After the switch the new key signs; the old one still validates what it signed.
        _host.Clock.Advance(TimeSpan.FromDays(2));
        await browser.SignOnAsync(username);
        await PublishedAsync();
        var (second, _) = await SignInAsync(browser, clientId);
        Assert.NotEqual(first, second);
        Assert.Contains(second, published);
        Assert.Contains(first, await PublishedAsync());

        // Once nothing it signed can be valid (MaxTokenLifetime, 30 days, after it retired), the old key is gone.
        _host.Clock.Advance(TimeSpan.FromDays(31));
        await PublishedAsync();
        Assert.DoesNotContain(first, await PublishedAsync());
        Assert.False((await _host.ValidateAsync(firstToken)).IsValid);
    }

    [Fact]
    public async Task SigningKeys_AreTheSameAfterARestart_AndStoredOnlyProtected()
    {
        var before = await PublishedAsync();
        var factory = (Microsoft.EntityFrameworkCore.IDbContextFactory<Runtime.Persistence.JourneyStudioDbContext>)
            _host.Server.Services.GetService(typeof(Microsoft.EntityFrameworkCore.IDbContextFactory<Runtime.Persistence.JourneyStudioDbContext>))!;
        await using (var db = await factory.CreateDbContextAsync())
        {
            var stored = db.Set<Runtime.OAuth2.OAuthSigningKeyRecord>().ToList();
            Assert.Contains(stored, k => k.Use == Runtime.OAuth2.OAuthKeyUse.Encryption);
            // Data Protection's payload, not a PKCS#8 key (which starts with 0x30 0x82).
            Assert.All(stored, k => Assert.NotEqual(0x30, Convert.FromBase64String(k.ProtectedKey)[0]));
        }
        var directory = _host.Server.DataDirectory;
        await using var again = Testing.StudioServer.Start(dataDirectory: directory);
        using var http = again.CreateClient();
        var after = new Microsoft.IdentityModel.Tokens.JsonWebKeySet(await http.GetStringAsync($"{OAuth2Server.AlphaPath}/connect/jwk_uri"));
        Assert.Equal(before, after.Keys.Select(k => k.Kid));
    }
}
