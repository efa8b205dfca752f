namespace JourneyStudio.Web.Tests.Admin;

/// <summary>An HTTP answer as text for exact comparison: status, every header but Date, and the body bytes.</summary>
public static class ResponseWireForm
{
    public static async Task<string> OfAsync(HttpResponseMessage response)
    {
        var headers = response.Headers.Concat(response.Content.Headers)
            .Where(h => !h.Key.Equals("Date", StringComparison.OrdinalIgnoreCase))
            .OrderBy(h => h.Key, StringComparer.OrdinalIgnoreCase)
            .Select(h => $"{h.Key}: {string.Join(", ", h.Value)}");
        var body = Convert.ToBase64String(await response.Content.ReadAsByteArrayAsync());
        return $"{(int)response.StatusCode}\n{string.Join("\n", headers)}\n\n{body}";
    }
}
