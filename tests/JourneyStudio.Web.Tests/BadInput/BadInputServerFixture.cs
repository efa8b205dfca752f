using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using JourneyStudio.Runtime.Identities;
using JourneyStudio.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyStudio.Web.Tests.BadInput;

/// <summary>One studio with the sign-on journeys, the test user and an identity for the admin API to update.</summary>
public sealed class BadInputServerFixture : IAsyncLifetime
{
    public const string ExistingIdentity = "bad-input-user";

    public StudioServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = StudioServer.Start();
        await SignOnJourneys.SeedAsync(Server);
        var created = await Server.Services.GetRequiredService<IdentityStore>().CreateAsync(new NewIdentity(ExistingIdentity, "Bad-input-password-1"));
        Assert.IsType<IdentityResult.Done>(created);
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();

    public HttpClient Anonymous() => Server.CreateClient();

    public HttpClient Admin()
    {
        var client = Server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{StudioServer.AdminUsername}:{StudioServer.AdminPassword}")));
        return client;
    }
}

/// <summary>A raw answer: status, content type and the body both as text and (when it is JSON) parsed.</summary>
public sealed record RawReply(int Status, string? MediaType, string Text, JsonNode? Json)
{
    public static async Task<RawReply> SendAsync(HttpClient client, HttpMethod method, string pathAndQuery, byte[]? body,
        string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, pathAndQuery);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? json = null;
        try { json = text.Length == 0 ? null : JsonNode.Parse(text); }
        catch (System.Text.Json.JsonException) { }
        return new RawReply((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, text, json);
    }

    public static Task<RawReply> PostAsync(HttpClient client, string pathAndQuery, string body) =>
        SendAsync(client, HttpMethod.Post, pathAndQuery, Encoding.UTF8.GetBytes(body));

    public static Task<RawReply> PutAsync(HttpClient client, string pathAndQuery, string body) =>
        SendAsync(client, HttpMethod.Put, pathAndQuery, Encoding.UTF8.GetBytes(body));

    public override string ToString() => $"{Status} {MediaType}: {(Text.Length > 600 ? Text[..600] + "…" : Text)}";
}
