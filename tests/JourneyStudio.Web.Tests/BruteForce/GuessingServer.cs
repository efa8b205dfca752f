using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using JourneyStudio.Runtime.Audit;
using JourneyStudio.Runtime.Identities;
using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Testing;
using JourneyStudio.Web.Tests.Api;
using JourneyStudio.Web.Tests.EndToEnd;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyStudio.Web.Tests.BruteForce;

/// <summary>
/// A real studio on loopback for the guessing tests: an <see cref="AdjustableClock"/>, a recording audit log and the
/// brute-force settings a test class needs (all tests come from 127.0.0.1, so the per-address throttle is raised in
/// classes that test per-identity lockouts). Each test works on its own users and admins.
/// </summary>
public abstract class GuessingServer(IDictionary<string, string?> settings) : IAsyncLifetime
{
    public const string Password = "Right-password-1";

    public StudioServer Server { get; private set; } = null!;

    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public AdjustableClock Clock { get; } = new(frozen: true);

    public RecordingAuditLog Audit { get; } = new();

    public Task InitializeAsync()
    {
        Server = StudioServer.Start(settings, provider: Provider, configureServices: services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<IAuditLog>(Audit);
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();

    public async Task<string> CreateUserAsync(string prefix)
    {
        var username = $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];
        Assert.IsType<IdentityResult.Done>(await Server.Services.GetRequiredService<IdentityStore>().CreateAsync(new NewIdentity(username, Password)));
        return username;
    }

    public async Task<string> CreateAdminAsync(string prefix)
    {
        var username = $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];
        Assert.IsType<AdminCreateResult.Created>(await Server.Services.GetRequiredService<AdminAccountStore>().CreateAsync(username, Password));
        return username;
    }

    /// <summary>One sign-on through the shipped Login journey (one page: username and password).</summary>
    public async Task<AmResponse> LoginAsync(string username, string password)
    {
        using var client = new AmClient(Server);
        var page = await client.StartAsync("Login");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        return await client.SubmitAsync(AmClient.Fill(page.Body, username, password), "Login");
    }

    public HttpClient Basic(string username, string password)
    {
        var client = Server.CreateClient();
        client.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")));
        return client;
    }

    public HttpClient Admin() => Basic(StudioServer.AdminUsername, StudioServer.AdminPassword);

    /// <summary>Posts the studio's sign-in form (with its antiforgery token) and returns where it redirects to.</summary>
    public async Task<string> SubmitAdminFormAsync(string username, string password)
    {
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = Server.BaseAddress,
        };
        var form = await http.GetStringAsync("admin/login");
        var input = Regex.Match(form, "<input[^>]*__RequestVerificationToken[^>]*>").Value;
        var token = Regex.Match(input, "value=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(token);
        using var response = await http.PostAsync("admin/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Username"] = username, ["Password"] = password, ["ReturnUrl"] = "/", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    public async Task<JsonObject> IdentityJsonAsync(string username)
    {
        using var admin = Admin();
        return (JsonObject)JsonNode.Parse(await admin.GetStringAsync($"admin/api/identities/{Uri.EscapeDataString(username)}"))!;
    }
}

/// <summary>Per-identity lockouts with the default settings, except that the per-address throttle does not interfere.</summary>
public class LockoutServer() : GuessingServer(new Dictionary<string, string?> { ["JourneyStudio:BruteForce:AddressMaxFailures"] = "100000" })
{
    public sealed class OnPostgres : LockoutServer
    {
        protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
    }
}

/// <summary>A per-address throttle small enough to reach in a test: five failures per five minutes.</summary>
public class ThrottleServer() : GuessingServer(new Dictionary<string, string?>
{
    ["JourneyStudio:BruteForce:AddressMaxFailures"] = "5",
    ["JourneyStudio:BruteForce:AddressWindow"] = "00:05:00",
})
{
    public sealed class OnPostgres : ThrottleServer
    {
        protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
    }
}

/// <summary>An audit log that keeps what it is given.</summary>
public sealed class RecordingAuditLog : IAuditLog
{
    private readonly ConcurrentQueue<AuditEvent> _events = new();

    public IReadOnlyList<AuditEvent> Events => _events.ToList();

    public Task RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        _events.Enqueue(auditEvent);
        return Task.CompletedTask;
    }
}
