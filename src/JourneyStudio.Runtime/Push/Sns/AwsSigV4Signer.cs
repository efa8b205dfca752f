using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace JourneyStudio.Runtime.Push.Sns;

/// <summary>
/// AWS Signature Version 4 for requests signed in the <c>Authorization</c> header. A pure function of
/// its inputs (no clock, no I/O), so it is checked byte for byte against AWS's published test suite.
/// </summary>
public static class AwsSigV4Signer
{
    public const string Algorithm = "AWS4-HMAC-SHA256";
    public const string AmzDateHeader = "x-amz-date";
    public const string SecurityTokenHeader = "x-amz-security-token";
    public const string AuthorizationHeader = "Authorization";

    private const string AmzDateFormat = "yyyyMMdd'T'HHmmss'Z'";
    private const string DateStampFormat = "yyyyMMdd";

    /// <summary>Signs a request.</summary>
    /// <param name="method">HTTP method, e.g. <c>POST</c>.</param>
    /// <param name="uri">Absolute request URI; its path and query are canonicalised and its authority is the <c>host</c> header.</param>
    /// <param name="headers">
    /// Headers to sign besides <c>host</c>, <c>x-amz-date</c> and <c>x-amz-security-token</c>, which the signer supplies
    /// (a <c>host</c> or <c>x-amz-date</c> given here wins). Repeated names are joined with commas, as AWS does.
    /// </param>
    /// <param name="body">The exact bytes that will be sent as the body (empty for none).</param>
    /// <param name="region">Signing region, e.g. <c>eu-west-1</c>.</param>
    /// <param name="service">Signing service name, e.g. <c>sns</c>.</param>
    /// <param name="credentials">The credentials; a session token is signed and returned as a header to add.</param>
    /// <param name="time">The signing time; AWS rejects requests more than five minutes off its clock.</param>
    public static AwsSignature Sign(
        string method,
        Uri uri,
        IEnumerable<KeyValuePair<string, string>> headers,
        ReadOnlySpan<byte> body,
        string region,
        string service,
        AwsCredentials credentials,
        DateTimeOffset time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        ArgumentException.ThrowIfNullOrWhiteSpace(service);
        ArgumentNullException.ThrowIfNull(credentials);
        if (!uri.IsAbsoluteUri)
        {
            throw new ArgumentException("The request URI must be absolute.", nameof(uri));
        }

        var utc = time.ToUniversalTime();

        var canonicalHeaders = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (name, value) in headers)
        {
            AddHeader(canonicalHeaders, name, value);
        }

        canonicalHeaders.TryAdd("host", [uri.Authority]);
        canonicalHeaders.TryAdd(AmzDateHeader, [utc.ToString(AmzDateFormat, CultureInfo.InvariantCulture)]);
        var amzDate = canonicalHeaders[AmzDateHeader][0];
        // The scope date must be the day of the signed x-amz-date, also when the caller supplied that header.
        var dateStamp = amzDate.Length >= 8 ? amzDate[..8] : utc.ToString(DateStampFormat, CultureInfo.InvariantCulture);
        if (!string.IsNullOrEmpty(credentials.SessionToken))
        {
            canonicalHeaders[SecurityTokenHeader] = [credentials.SessionToken];
        }

        var signedHeaders = string.Join(';', canonicalHeaders.Keys);
        var canonicalRequest = new StringBuilder()
            .Append(method.ToUpperInvariant()).Append('\n')
            .Append(CanonicalPath(uri)).Append('\n')
            .Append(CanonicalQuery(uri)).Append('\n');
        foreach (var (name, values) in canonicalHeaders)
        {
            canonicalRequest.Append(name).Append(':').Append(string.Join(',', values)).Append('\n');
        }

        canonicalRequest.Append('\n')
            .Append(signedHeaders).Append('\n')
            .Append(HexSha256(body));

        var scope = $"{dateStamp}/{region}/{service}/aws4_request";
        var canonicalRequestText = canonicalRequest.ToString();
        var stringToSign = $"{Algorithm}\n{amzDate}\n{scope}\n{HexSha256(Encoding.UTF8.GetBytes(canonicalRequestText))}";

        var signingKey = HmacSha256(Encoding.UTF8.GetBytes("AWS4" + credentials.SecretAccessKey), dateStamp);
        signingKey = HmacSha256(signingKey, region);
        signingKey = HmacSha256(signingKey, service);
        signingKey = HmacSha256(signingKey, "aws4_request");
        var signature = Convert.ToHexStringLower(HmacSha256(signingKey, stringToSign));

        var authorization = $"{Algorithm} Credential={credentials.AccessKeyId}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}";

        var headersToAdd = new List<KeyValuePair<string, string>> { new(AmzDateHeader, amzDate) };
        if (!string.IsNullOrEmpty(credentials.SessionToken))
        {
            headersToAdd.Add(new(SecurityTokenHeader, credentials.SessionToken));
        }

        headersToAdd.Add(new(AuthorizationHeader, authorization));
        return new AwsSignature(amzDate, canonicalRequestText, stringToSign, signedHeaders, signature, authorization, headersToAdd);
    }

    /// <summary>RFC 3986 percent-encoding: everything but <c>A-Z a-z 0-9 - _ . ~</c> becomes <c>%XX</c> of its UTF-8 bytes.</summary>
    public static string UriEncode(string value) => Uri.EscapeDataString(value);

    private static void AddHeader(SortedDictionary<string, List<string>> headers, string name, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var key = name.Trim().ToLowerInvariant();
        if (!headers.TryGetValue(key, out var values))
        {
            values = [];
            headers[key] = values;
        }

        values.Add(TrimAndCollapseSpaces(value ?? string.Empty));
    }

    // AWS canonicalises a header value by trimming it and turning runs of spaces into one.
    private static string TrimAndCollapseSpaces(string value)
    {
        var builder = new StringBuilder(value.Length);
        var previousWasSpace = false;
        foreach (var character in value.Trim())
        {
            var isSpace = character == ' ';
            if (!(isSpace && previousWasSpace))
            {
                builder.Append(character);
            }

            previousWasSpace = isSpace;
        }

        return builder.ToString();
    }

    private static string CanonicalPath(Uri uri)
    {
        var path = uri.AbsolutePath;
        if (path.Length == 0)
        {
            return "/";
        }

        // Each segment is decoded from its wire form and encoded again, so "a b", "a%20b" and "ሴ" all
        // canonicalise to the RFC 3986 form AWS computes on its side.
        var segments = path.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            segments[i] = UriEncode(Uri.UnescapeDataString(segments[i]));
        }

        return string.Join('/', segments);
    }

    private static string CanonicalQuery(Uri uri)
    {
        var query = uri.Query;
        if (query.Length <= 1)
        {
            return string.Empty;
        }

        var pairs = new List<(string Name, string Value)>();
        foreach (var part in query[1..].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=');
            var name = equals < 0 ? part : part[..equals];
            var value = equals < 0 ? string.Empty : part[(equals + 1)..];
            pairs.Add((UriEncode(Uri.UnescapeDataString(name)), UriEncode(Uri.UnescapeDataString(value))));
        }

        // Sorted by encoded name, then encoded value, comparing code points (ordinal).
        pairs.Sort((left, right) =>
        {
            var byName = string.CompareOrdinal(left.Name, right.Name);
            return byName != 0 ? byName : string.CompareOrdinal(left.Value, right.Value);
        });
        return string.Join('&', pairs.Select(pair => $"{pair.Name}={pair.Value}"));
    }

    private static string HexSha256(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));

    private static byte[] HmacSha256(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));
}
