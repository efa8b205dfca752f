using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using JourneyStudio.Journeys.Json;

namespace JourneyStudio.Runtime.Mfa;

/// <summary>
/// Compact JWS with HMAC-SHA256 only: the one format the ForgeRock Authenticator and AM exchange, signed with
/// the device's shared secret (am-protocol 4.5-4.7). Deliberately not a general JOSE library: the algorithm is
/// fixed by us, never taken from the token.
/// </summary>
public static class Hs256Jwt
{
    /// <summary>The header every token we create carries, in this member order.</summary>
    public const string HeaderJson = """{"typ":"JWT","alg":"HS256"}""";

    private const int SignatureLength = 32;

    // Claims are only ever read back as JSON, never embedded in HTML, so the HTML-safe escaping of the
    // default encoder would only make the payload larger.
    private static readonly JsonSerializerOptions ClaimsJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly string EncodedHeader = Base64Url.EncodeUtf8(HeaderJson);

    /// <summary>Creates <c>header.payload.signature</c> for <paramref name="claims"/>, signed with <paramref name="key"/>.</summary>
    /// <exception cref="ArgumentException">The key is empty.</exception>
    public static string Create(JsonObject claims, ReadOnlySpan<byte> key)
    {
        ArgumentNullException.ThrowIfNull(claims);
        RequireKey(key);

        var signingInput = EncodedHeader + "." + Base64Url.Encode(Encoding.UTF8.GetBytes(claims.ToJsonString(ClaimsJson)));
        var signature = HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + Base64Url.Encode(signature);
    }

    /// <summary>Checks the structure, the algorithm and the signature of <paramref name="token"/>.</summary>
    /// <exception cref="ArgumentException">The key is empty.</exception>
    public static JwtVerification Verify(string? token, ReadOnlySpan<byte> key)
    {
        RequireKey(key);
        if (string.IsNullOrEmpty(token))
        {
            return new JwtVerification.Malformed("the token is empty");
        }

        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return new JwtVerification.Malformed(
                $"a compact JWS has 3 dot-separated parts, this token has {parts.Length}");
        }

        if (!TryReadObject(parts[0], "header", out var header, out var headerError))
        {
            return new JwtVerification.Malformed(headerError);
        }

        // The algorithm check comes before any signature work: "none" or an asymmetric algorithm must never
        // reach a code path that might treat the shared secret as something else.
        var algorithm = header["alg"] is JsonValue algValue && algValue.TryGetValue<string>(out var alg) ? alg : null;
        if (algorithm != "HS256")
        {
            return new JwtVerification.WrongAlgorithm(algorithm ?? header["alg"]?.ToJsonString());
        }

        if (header.ContainsKey("crit"))
        {
            // RFC 7515 4.1.11: a recipient that does not understand a critical extension must reject the token.
            return new JwtVerification.Malformed("the header lists critical extensions (crit), which are not supported");
        }

        if (!Base64Url.TryDecode(parts[2], out var signature, out var signatureError, Base64Padding.Forbidden))
        {
            return new JwtVerification.Malformed($"signature: {signatureError}");
        }

        if (signature.Length != SignatureLength)
        {
            return new JwtVerification.Malformed(
                $"an HS256 signature has {SignatureLength} bytes, this one has {signature.Length}");
        }

        if (!Base64Url.TryDecode(parts[1], out _, out var payloadError, Base64Padding.Forbidden))
        {
            return new JwtVerification.Malformed($"payload: {payloadError}");
        }

        var expected = HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));

        // Constant time, so response timing does not reveal how many leading bytes of a forged signature match.
        if (!CryptographicOperations.FixedTimeEquals(expected, signature))
        {
            return new JwtVerification.BadSignature();
        }

        return TryReadObject(parts[1], "payload", out var claims, out var claimsError)
            ? new JwtVerification.Valid(claims)
            : new JwtVerification.Malformed(claimsError);
    }

    private static bool TryReadObject(string segment, string name, out JsonObject result, out string error)
    {
        result = null!;
        if (!Base64Url.TryDecode(segment, out var bytes, out var decodeError, Base64Padding.Forbidden))
        {
            error = $"{name}: {decodeError}";
            return false;
        }

        // Strict: duplicate names are refused (two readers could pick different values of one claim, a classic
        // confusion), and so are lone surrogates, which would break every later read of the claim.
        if (!StrictJson.TryParseNode(bytes, out var node, out var problem))
        {
            error = problem.Reason == JsonInputRejection.DuplicateProperty
                ? $"the {name} has a duplicate property name ({problem.Path})"
                : $"the {name} is not valid JSON at {problem}";
            return false;
        }
        if (node is JsonObject obj)
        {
            result = obj;
            error = "";
            return true;
        }
        error = $"the {name} is not a JSON object";
        return false;
    }

    private static void RequireKey(ReadOnlySpan<byte> key)
    {
        if (key.IsEmpty)
        {
            throw new ArgumentException("The HMAC key must not be empty.", nameof(key));
        }
    }
}
