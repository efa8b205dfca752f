using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace JourneyStudio.Web.Tests.Push;

/// <summary>Sends what the ForgeRock Authenticator sends (am-protocol 4.5, 4.7): JSON with its API-version header.</summary>
internal sealed class DeviceHttpClient(HttpClient http)
{
    public const string RealmPath = "json/realms/root/realms/alpha/push/sns/message";

    public Task<DeviceReply> PostAsync(string action, object body, string path = RealmPath) =>
        PostRawAsync($"{path}?_action={action}", JsonSerializer.Serialize(body));

    public async Task<DeviceReply> PostRawAsync(string pathAndQuery, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, pathAndQuery)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Accept-API-Version", "resource=1.0, protocol=1.0");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new DeviceReply((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }
}

internal sealed record DeviceReply(int Status, JsonNode? Body)
{
    public string? Message => (string?)Body?["message"];
}
