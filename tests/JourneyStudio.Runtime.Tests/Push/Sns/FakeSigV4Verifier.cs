using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace JourneyStudio.Runtime.Tests.Push.Sns;

/// <summary>
/// The fake SNS endpoint's own Signature Version 4 check, written independently of the production signer
/// (its own percent-encoder, canonicaliser and key derivation) so that a shared mistake cannot make both agree.
/// It answers the way AWS does: 403 with <c>MissingAuthenticationToken</c>, <c>IncompleteSignature</c>,
/// <c>InvalidClientTokenId</c> or <c>SignatureDoesNotMatch</c>.
/// </summary>
internal static partial class FakeSigV4Verifier
{
    internal sealed record Rejection(int Status, string Code, string Message);

    internal sealed record KnownCredential(string Secret, string? SessionToken);

    private static readonly TimeSpan AllowedSkew = TimeSpan.FromMinutes(5);

    public static Rejection? Verify(
        HttpRequest request,
        byte[] body,
        Func<string, KnownCredential?> findCredential,
        string expectedRegion,
        string expectedService,
        DateTimeOffset now)
    {
        string authorization = request.Headers.Authorization.ToString();
        if (authorization.Length == 0)
        {
            return new(403, "MissingAuthenticationToken", "Request is missing Authentication Token");
        }

        var parsed = AuthorizationPattern().Match(authorization);
        if (!parsed.Success)
        {
            return new(403, "IncompleteSignature", $"Authorization header requires 'Credential', 'SignedHeaders' and 'Signature': {authorization}");
        }

        var accessKeyId = parsed.Groups["key"].Value;
        var scopeDate = parsed.Groups["date"].Value;
        var scopeRegion = parsed.Groups["region"].Value;
        var scopeService = parsed.Groups["service"].Value;
        var signedHeaderNames = parsed.Groups["signed"].Value.Split(';');
        var claimedSignature = parsed.Groups["signature"].Value;

        var credential = findCredential(accessKeyId);
        if (credential is null)
        {
            return new(403, "InvalidClientTokenId", "The security token included in the request is invalid.");
        }

        string presentedToken = request.Headers["x-amz-security-token"].ToString();
        if (credential.SessionToken is not null && presentedToken != credential.SessionToken)
        {
            return new(403, "InvalidClientTokenId", "The security token included in the request is invalid.");
        }

        if (credential.SessionToken is null && presentedToken.Length > 0)
        {
            return new(403, "InvalidClientTokenId", "The security token included in the request is invalid.");
        }

        string amzDate = request.Headers["x-amz-date"].ToString();
        if (!DateTimeOffset.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var signedAt))
        {
            return new(403, "IncompleteSignature", "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        }

        if (signedAt < now - AllowedSkew)
        {
            return new(403, "SignatureDoesNotMatch",
                $"Signature expired: {amzDate} is now earlier than {(now - AllowedSkew).ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)} (current time - 5 min.)");
        }

        if (signedAt > now + AllowedSkew)
        {
            return new(403, "SignatureDoesNotMatch", $"Signature not yet current: {amzDate} is still later than the current time + 5 min.");
        }

        if (scopeDate != amzDate[..8] || scopeRegion != expectedRegion || scopeService != expectedService)
        {
            return new(403, "SignatureDoesNotMatch",
                $"Credential should be scoped to a valid region and service and to the date of X-Amz-Date: {scopeDate}/{scopeRegion}/{scopeService}.");
        }

        foreach (var required in new[] { "host", "x-amz-date" })
        {
            if (!signedHeaderNames.Contains(required))
            {
                return new(403, "SignatureDoesNotMatch", $"'{required}' must be a signed header.");
            }
        }

        if (credential.SessionToken is not null && !signedHeaderNames.Contains("x-amz-security-token"))
        {
            return new(403, "SignatureDoesNotMatch", "'x-amz-security-token' must be a signed header.");
        }

        var canonical = new StringBuilder();
        canonical.Append(request.Method).Append('\n');
        canonical.Append(CanonicalPath(request.Path.Value ?? "/")).Append('\n');
        canonical.Append(CanonicalQuery(request.QueryString.Value ?? string.Empty)).Append('\n');
        foreach (var name in signedHeaderNames)
        {
            var values = request.Headers[name].Select(value => Regex.Replace((value ?? string.Empty).Trim(), " {2,}", " "));
            canonical.Append(name).Append(':').Append(string.Join(",", values)).Append('\n');
        }

        canonical.Append('\n').Append(string.Join(";", signedHeaderNames)).Append('\n');
        canonical.Append(Hex(SHA256.HashData(body)));

        var stringToSign = string.Join("\n",
            "AWS4-HMAC-SHA256",
            amzDate,
            $"{scopeDate}/{scopeRegion}/{scopeService}/aws4_request",
            Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString()))));

        byte[] key = Encoding.UTF8.GetBytes("AWS4" + credential.Secret);
        foreach (var part in new[] { scopeDate, scopeRegion, scopeService, "aws4_request" })
        {
            using var hmac = new HMACSHA256(key);
            key = hmac.ComputeHash(Encoding.UTF8.GetBytes(part));
        }

        using var signer = new HMACSHA256(key);
        var expected = signer.ComputeHash(Encoding.UTF8.GetBytes(stringToSign));
        var claimed = TryFromHex(claimedSignature);
        if (claimed is null || !CryptographicOperations.FixedTimeEquals(expected, claimed))
        {
            return new(403, "SignatureDoesNotMatch",
                "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.");
        }

        return null;
    }

    private static string CanonicalPath(string decodedPath) =>
        string.Join("/", decodedPath.Split('/').Select(PercentEncode));

    private static string CanonicalQuery(string query)
    {
        if (query.StartsWith('?'))
        {
            query = query[1..];
        }

        return string.Join("&", query
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(pair => (Name: PercentEncode(Uri.UnescapeDataString(pair[0])), Value: PercentEncode(Uri.UnescapeDataString(pair.Length > 1 ? pair[1] : ""))))
            .OrderBy(pair => pair.Name, StringComparer.Ordinal)
            .ThenBy(pair => pair.Value, StringComparer.Ordinal)
            .Select(pair => pair.Name + "=" + pair.Value));
    }

    // RFC 3986 by hand: unreserved bytes stay, every other UTF-8 byte becomes %XX (upper-case hex).
    private static string PercentEncode(string text)
    {
        var encoded = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            var c = (char)b;
            if (c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.' or '~')
            {
                encoded.Append(c);
            }
            else
            {
                encoded.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return encoded.ToString();
    }

    private static string Hex(byte[] bytes) => string.Concat(bytes.Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));

    private static byte[]? TryFromHex(string hex)
    {
        if (hex.Length != 64)
        {
            return null;
        }

        try
        {
            return Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"^AWS4-HMAC-SHA256 Credential=(?<key>[^/]+)/(?<date>\d{8})/(?<region>[^/]+)/(?<service>[^/]+)/aws4_request, ?SignedHeaders=(?<signed>[a-z0-9;-]+), ?Signature=(?<signature>[0-9a-f]+)$")]
    private static partial Regex AuthorizationPattern();
}
