using JourneyStudio.Testing;
using System.Text;

namespace JourneyStudio.Testing;

/// <summary>Admin API writes carry <c>Content-Type: application/json</c>, a bodiless DELETE included.</summary>
public static class AdminApiRequests
{
    public static Task<HttpResponseMessage> DeleteJsonAsync(this HttpClient client, string path) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, path) { Content = new StringContent("", Encoding.UTF8, "application/json") });
}
