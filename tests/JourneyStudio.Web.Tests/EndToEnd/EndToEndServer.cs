using System.Net;
using System.Text.Json.Nodes;
using JourneyStudio.Runtime.Identities;
using JourneyStudio.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyStudio.Web.Tests.EndToEnd;

/// <summary>
/// One real studio per test class (Kestrel on loopback, fresh SQLite, the shipped journeys as imported at first
/// start) with an <see cref="AdjustableClock"/>. Tests share it, so each one signs on as its own new user.
/// </summary>
public sealed class EndToEndServer : IAsyncLifetime
{
    public const string Password = "Correct-horse-battery-1";

    public StudioServer Server { get; private set; } = null!;

    public AdjustableClock Clock { get; } = new();

    public Task InitializeAsync()
    {
        Server = StudioServer.Start(configureServices: services => services.AddSingleton<TimeProvider>(Clock));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>Creates a user with a unique name (prefix + random suffix) through the admin REST API and returns the name.</summary>
    public async Task<string> CreateUserAsync(string prefix)
    {
        var username = $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];
        using var http = Server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "admin/api/identities")
        {
            Content = JsonContent(new JsonObject
            {
                ["username"] = username,
                ["password"] = Password,
                ["givenName"] = "Test",
                ["sn"] = prefix,
                ["mail"] = username + "@example.com",
            }),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{StudioServer.AdminUsername}:{StudioServer.AdminPassword}")));
        using var response = await http.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.Created && response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"Creating user {username} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return username;
    }

    public Task<IdentitySummary?> IdentityAsync(string username) =>
        Server.Services.GetRequiredService<IdentityStore>().GetAsync(username);

    public SignOn SignOn(string? journey) => new(this, journey);

    public AuthenticatorApp NewAuthenticatorApp() => new(Server.BaseAddress);

    private static StringContent JsonContent(JsonNode body) =>
        new(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
}
