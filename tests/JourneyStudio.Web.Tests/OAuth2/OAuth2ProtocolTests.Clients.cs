using System.Net;
using System.Text.Json.Nodes;

namespace JourneyStudio.Web.Tests.OAuth2;

public sealed partial class OAuth2ProtocolTests
{
    [Fact]
    public async Task AdminClients_ConfidentialWithoutSecret_GetsOneShownOnce_ThatWorks_AndEveryChangeIsAudited()
    {
        var (clientId, created) = await host.CreateClientAsync("conf", new JsonObject { ["confidential"] = true, ["name"] = "Back end" });
        var secret = (string)created["clientSecret"]!;
        Assert.True(secret.Length >= 32);
        Assert.True((bool)created["confidential"]!);

        var (status, text) = await host.AdminAsync(HttpMethod.Get, $"oauth2/clients/{clientId}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.DoesNotContain("clientSecret", text);
        Assert.DoesNotContain(secret, text);

        using var browser = await host.BrowserAsync();
        Assert.Equal(HttpStatusCode.OK, (await browser.TokenAsync(("grant_type", "client_credentials"), ("client_id", clientId), ("client_secret", secret))).Status);

        // Replace: the secret stays unless a new one is sent; lifetimes per client apply to what it gets.
        var (put, putText) = await host.AdminAsync(HttpMethod.Put, $"oauth2/clients/{clientId}", new JsonObject
        {
            ["redirectUris"] = new JsonArray(), ["scopes"] = new JsonArray("profile"), ["accessTokenLifetime"] = 120,
        });
        Assert.Equal(HttpStatusCode.OK, put);
        Assert.Equal(120, (int)JsonNode.Parse(putText)!["accessTokenLifetime"]!);
        var (_, tokens) = await browser.TokenAsync(("grant_type", "client_credentials"), ("client_id", clientId), ("client_secret", secret));
        // expires_in counts from the moment the answer is written, so it may have lost the second the request took.
        Assert.InRange((int)tokens["expires_in"]!, 119, 120);
        var access = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken((string)tokens["access_token"]!);
        Assert.Equal(TimeSpan.FromSeconds(120), access.ValidTo - access.IssuedAt);

        // A new secret replaces the old one at once.
        var newSecret = "a-new-secret-of-thirty-two-chars";
        Assert.Equal(HttpStatusCode.OK, (await host.AdminAsync(HttpMethod.Put, $"oauth2/clients/{clientId}", new JsonObject
        {
            ["redirectUris"] = new JsonArray(), ["scopes"] = new JsonArray("profile"), ["clientSecret"] = newSecret,
        })).Status);
        Assert.Equal("invalid_client", (string)(await browser.TokenAsync(("grant_type", "client_credentials"), ("client_id", clientId), ("client_secret", secret))).Body["error"]!);
        Assert.Equal(HttpStatusCode.OK, (await browser.TokenAsync(("grant_type", "client_credentials"), ("client_id", clientId), ("client_secret", newSecret))).Status);

        Assert.Equal(HttpStatusCode.NoContent, (await host.AdminAsync(HttpMethod.Delete, $"oauth2/clients/{clientId}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await host.AdminAsync(HttpMethod.Get, $"oauth2/clients/{clientId}")).Status);
        var (_, audit) = await host.AdminAsync(HttpMethod.Get, $"audit?action=oauth2.*&target={clientId}");
        var actions = JsonNode.Parse(audit)!.AsArray().Select(e => (string)e!["action"]!).ToList();
        Assert.Equal(["oauth2.client.delete", "oauth2.client.update", "oauth2.client.update", "oauth2.client.create"], actions);
        Assert.DoesNotContain(secret, audit);
        Assert.DoesNotContain(newSecret, audit);
    }

    [Fact]
    public async Task AdminClients_ConfidentialMadePublic_LosesItsSecretAndClientCredentials()
    {
        var (clientId, created) = await host.CreateClientAsync("topub", new JsonObject { ["confidential"] = true });
        var secret = (string)created["clientSecret"]!;
        var (status, text) = await host.AdminAsync(HttpMethod.Put, $"oauth2/clients/{clientId}", new JsonObject
        {
            ["confidential"] = false, ["redirectUris"] = new JsonArray(OAuth2Server.AppRedirect), ["scopes"] = new JsonArray("openid"),
        });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False((bool)JsonNode.Parse(text)!["confidential"]!);
        using var browser = await host.BrowserAsync();
        var (_, refused) = await browser.TokenAsync(("grant_type", "client_credentials"), ("client_id", clientId), ("client_secret", secret));
        Assert.NotNull(refused["error"]);
    }

    [Theory]
    [InlineData("""{"clientId":"bad id!","redirectUris":[],"scopes":[]}""", "$.clientId")]
    [InlineData("""{"clientId":"ok","redirectUris":["http://app/cb#frag"],"scopes":["openid"]}""", "$.redirectUris[0]")]
    [InlineData("""{"clientId":"ok","redirectUris":["/relative"],"scopes":["openid"]}""", "$.redirectUris[0]")]
    [InlineData("""{"clientId":"ok","redirectUris":["https://app/cb"],"scopes":["admin"]}""", "$.scopes[0]")]
    [InlineData("""{"clientId":"ok","redirectUris":["https://app/cb"],"scopes":["openid"],"journeys":["No Such Journey"]}""", "$.journeys[0]")]
    [InlineData("""{"clientId":"ok","redirectUris":["https://app/cb"],"scopes":["openid"],"corsOrigins":["https://app/path"]}""", "$.corsOrigins[0]")]
    [InlineData("""{"clientId":"ok","redirectUris":["https://app/cb"],"scopes":["openid"],"accessTokenLifetime":5}""", "$.accessTokenLifetime")]
    [InlineData("""{"clientId":"ok","redirectUris":["https://app/cb"],"scopes":["openid"],"clientSecret":"short"}""", "$.clientSecret")]
    [InlineData("""{"clientId":"ok","redirectUris":[],"scopes":["openid"]}""", "$.redirectUris")]
    [InlineData("""{"clientId":"ok","scopes":["openid"]}""", "$.redirectUris")]
    [InlineData("""{"clientId":"ok","redirectUris":["https://app/cb"],"scopes":["openid"],"colour":"red"}""", "$.colour")]
    public async Task AdminClients_InvalidBody_Is400NamingThePath_AndCreatesNothing(string body, string path)
    {
        var (status, text) = await host.AdminAsync(HttpMethod.Post, "oauth2/clients", JsonNode.Parse(body));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(JsonNode.Parse(text)!["errors"]!.AsArray(), e => (string)e!["path"]! == path);
        Assert.Equal(HttpStatusCode.NotFound, (await host.AdminAsync(HttpMethod.Get, "oauth2/clients/ok")).Status);
    }

    [Fact]
    public async Task AdminClients_ExistingId_IsConflict()
    {
        var (clientId, _) = await host.CreatePublicClientAsync("dup");
        var (status, _) = await host.AdminAsync(HttpMethod.Post, "oauth2/clients", new JsonObject
        {
            ["clientId"] = clientId, ["redirectUris"] = new JsonArray("https://app/cb"), ["scopes"] = new JsonArray("openid"),
        });
        Assert.Equal(HttpStatusCode.Conflict, status);
    }
}
