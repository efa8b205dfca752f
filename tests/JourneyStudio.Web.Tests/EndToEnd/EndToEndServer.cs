using System.Net;
using System.Text.Json.Nodes;
using JourneyStudio.Runtime.Identities;
using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyStudio.Web.Tests.EndToEnd;

/// <summary>
/// One real studio per test class (Kestrel on loopback, fresh SQLite, the shipped journeys as imported at first
/// start) with an <see cref="AdjustableClock"/>. Tests share it, so each one signs on as its own new user.
/// </summary>
public class EndToEndServer : IAsyncLifetime
{
    public const string Password = "Correct-horse-battery-1";

    public StudioServer Server { get; private set; } = null!;

    /// <summary>The studio's clock; instances that share a database may share one too.</summary>
    public AdjustableClock Clock { get; init; } = new();

    /// <summary>The database provider of the studio (a fresh SQLite file, or a fresh PostgreSQL database).</summary>
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    /// <summary>Start on this existing PostgreSQL database (a second instance of the studio) instead of a fresh one.</summary>
    public string? SharedPostgresDatabase { get; init; }

    public virtual Task InitializeAsync()
    {
        Server = StudioServer.Start(settings: Settings, configureServices: services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            ConfigureServices(services);
        }, provider: Provider, postgresConnectionString: SharedPostgresDatabase);
        return Task.CompletedTask;
    }

    /// <summary>The same studio on a fresh PostgreSQL database.</summary>
    public sealed class OnPostgres : EndToEndServer
    {
        protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
    }

    /// <summary>Configuration of a derived fixture (e.g. a lower brute-force limit); none by default.</summary>
    protected virtual IDictionary<string, string?>? Settings => null;

    /// <summary>Extra test services of a derived fixture, registered after the program's own.</summary>
    protected virtual void ConfigureServices(IServiceCollection services) { }

    public virtual async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>Creates a user with a unique name (prefix + random suffix) through the admin REST API and returns the name.</summary>
    public async Task<string> CreateUserAsync(string prefix)
    {
        var username = $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];
        await CreateUserNamedAsync(username, sn: prefix);
        return username;
    }

    /// <summary>Creates the user <paramref name="username"/> (with <see cref="Password"/>) through the admin REST API.</summary>
    public async Task CreateUserNamedAsync(string username, string sn = "User")
    {
        var (status, text) = await AdminAsync(HttpMethod.Post, "identities", new JsonObject
        {
            ["username"] = username,
            ["password"] = Password,
            ["givenName"] = "Test",
            ["sn"] = sn,
            ["mail"] = username + "@example.com",
        });
        if (status != HttpStatusCode.Created && status != HttpStatusCode.OK)
            throw new InvalidOperationException($"Creating user {username} failed: {(int)status} {text}");
    }

    /// <summary>A request to the admin REST API (<c>/admin/api/{path}</c>) as the first admin; returns the status and body.</summary>
    public async Task<(HttpStatusCode Status, string Text)> AdminAsync(HttpMethod method, string path, JsonNode? body = null)
    {
        using var http = Server.CreateClient();
        using var request = new HttpRequestMessage(method, "admin/api/" + path);
        if (body is not null) request.Content = JsonContent(body);
        // Admin writes need the JSON content type, a bodiless DELETE included.
        else if (method != HttpMethod.Get) request.Content = new StringContent("", System.Text.Encoding.UTF8, "application/json");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{StudioServer.AdminUsername}:{StudioServer.AdminPassword}")));
        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public Task<IdentitySummary?> IdentityAsync(string username) =>
        Server.Services.GetRequiredService<IdentityStore>().GetAsync(username);

    public SignOn SignOn(string? journey) => new(this, journey);

    public AuthenticatorApp NewAuthenticatorApp() => new(Server.BaseAddress);

    private static StringContent JsonContent(JsonNode body) =>
        new(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
}
