using System.Text;

namespace JourneyStudio.Web.Api;

/// <summary>Reading the small JSON bodies of the end-user and device endpoints, with a size cap so that a stray upload cannot fill memory.</summary>
internal static class RequestBody
{
    /// <summary>
    /// The body as text; null when it is larger than <paramref name="maxBytes"/> (stopping early, so an oversized
    /// body is not read in full). Invalid UTF-8 becomes replacement characters, which then fail JSON parsing.
    /// </summary>
    public static async Task<string?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
