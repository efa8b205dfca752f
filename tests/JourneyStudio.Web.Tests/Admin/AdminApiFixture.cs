using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using JourneyStudio.Journeys.Frodo;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Runtime.Identities;
using JourneyStudio.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyStudio.Web.Tests.Admin;

/// <summary>One studio server for the admin API tests, with an end user and a recording MFA reset hook.</summary>
public sealed class AdminApiFixture : IAsyncLifetime
{
    public const string EndUser = "api-end-user";
    public const string EndUserPassword = "End-user-password-1";

    public StudioServer Server { get; private set; } = null!;

    public RecordingMfaDeviceReset MfaReset { get; } = new();

    public async Task InitializeAsync()
    {
        Server = StudioServer.Start(configureServices: services => services.AddSingleton<IMfaDeviceReset>(MfaReset));
        var created = await Server.Services.GetRequiredService<IdentityStore>().CreateAsync(new NewIdentity(EndUser, EndUserPassword));
        Assert.IsType<IdentityResult.Done>(created);
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();

    public HttpClient Anonymous() => Server.CreateClient();

    public HttpClient Admin() => WithBasic(StudioServer.AdminUsername, StudioServer.AdminPassword);

    public HttpClient WithBasic(string username, string password)
    {
        var client = Server.CreateClient();
        client.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")));
        return client;
    }

    public HttpClient WithBearer(string token)
    {
        var client = Server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static string ReferenceExport(string file) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "ReferenceJourneys", file));

    /// <summary>A minimal valid journey export: Start wired straight to Success.</summary>
    public static string SimpleExport(string name, string description = "") =>
        FrodoJourneyWriter.WriteSingle(new Journey { Name = name, Description = description, EntryNodeId = StaticNodeIds.Success });

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.MediaType ?? "");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}

/// <summary>Records the usernames the admin reset MFA for, standing in for the MFA stores.</summary>
public sealed class RecordingMfaDeviceReset : IMfaDeviceReset
{
    private readonly List<string> _usernames = [];

    public IReadOnlyList<string> Usernames { get { lock (_usernames) return [.. _usernames]; } }

    public Task ResetAsync(string username, CancellationToken cancellationToken)
    {
        lock (_usernames) _usernames.Add(username);
        return Task.CompletedTask;
    }
}
