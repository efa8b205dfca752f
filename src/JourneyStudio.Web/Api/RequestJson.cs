using System.Text;
using System.Text.Json;
using JourneyStudio.Journeys.Json;

namespace JourneyStudio.Web.Api;

/// <summary>A request body as <see cref="RequestJson.ReadAsync"/> found it.</summary>
public abstract record RequestJsonBody
{
    private RequestJsonBody() { }

    /// <summary>No body, or only whitespace: each endpoint decides what that means (start a journey, a 400…).</summary>
    public sealed record Empty : RequestJsonBody;

    /// <summary>Larger than the endpoint accepts; reading stopped at the limit.</summary>
    public sealed record TooLarge(int MaxBytes) : RequestJsonBody;

    /// <summary>Refused by <see cref="StrictJson"/>: not JSON, not UTF-8, a lone surrogate, a duplicate key, too deep.</summary>
    public sealed record Invalid(JsonInputProblem Problem) : RequestJsonBody;

    /// <summary>Strict JSON: every string (values and names) can be read with <c>GetString</c>, no key repeats.</summary>
    public sealed record Parsed(JsonElement Root, ReadOnlyMemory<byte> Utf8) : RequestJsonBody
    {
        /// <summary>The body as text, for readers that take text (it is valid UTF-8 and strict JSON).</summary>
        public string Text => Encoding.UTF8.GetString(Utf8.Span);
    }
}

/// <summary>
/// The one reader of JSON request bodies, for every endpoint family: a size cap (so a stray upload cannot fill
/// memory), then <see cref="StrictJson"/>. The family maps the result to its own error shape.
/// </summary>
public static class RequestJson
{
    public static async Task<RequestJsonBody> ReadAsync(HttpRequest request, int maxBytes, int maxDepth = StrictJson.DefaultMaxDepth)
    {
        var bytes = await ReadBytesAsync(request, maxBytes, request.HttpContext.RequestAborted);
        if (bytes is null) return new RequestJsonBody.TooLarge(maxBytes);
        if (IsBlank(bytes)) return new RequestJsonBody.Empty();
        if (!StrictJson.TryParse(bytes, out var document, out var problem, maxDepth)) return new RequestJsonBody.Invalid(problem);
        using (document)
            return new RequestJsonBody.Parsed(document.RootElement.Clone(), bytes);
    }

    /// <summary>The body's bytes; null when there are more than <paramref name="maxBytes"/> (stopping early, so an oversized body is not read in full).</summary>
    private static async Task<byte[]?> ReadBytesAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
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
        return buffer.ToArray();
    }

    // JSON's whitespace, plus a lone UTF-8 byte order mark some tools write before nothing.
    private static bool IsBlank(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) bytes = bytes[3..];
        foreach (var b in bytes)
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')) return false;
        return true;
    }
}
