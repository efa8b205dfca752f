using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using JourneyStudio.Runtime.Identities;
using JourneyStudio.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;

namespace JourneyStudio.BrowserTests.OpenIdConnect;

/// <summary>Clients and users for the real-client tests, made the way an admin makes them (the admin API).</summary>
internal static class ProviderClients
{
    public static async Task<JsonObject> CreateAsync(StudioServer server, JsonObject client)
    {
        using var http = server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "admin/api/oauth2/clients")
        {
            Content = new StringContent(client.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{StudioServer.AdminUsername}:{StudioServer.AdminPassword}")));
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    public static async Task<string> CreateUserAsync(StudioServer server, string prefix, string password)
    {
        var username = $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];
        var created = await server.Services.GetRequiredService<IdentityStore>()
            .CreateAsync(new NewIdentity(username, password, "Sam", "Sdk", $"{username}@example.com"));
        Assert.IsType<IdentityResult.Done>(created);
        return username;
    }

    public static JsonWebToken Jwt(JsonNode? token) => new((string)token!);
}
