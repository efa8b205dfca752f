using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace JourneyStudio.Runtime.Mfa;

public static partial class RegistrationUris
{
    /// <summary>Reads a registration URI (the side of the app; the virtual authenticator uses it).</summary>
    /// <exception cref="FormatException">The URI is not a valid registration URI; the message says why.</exception>
    public static ParsedRegistrationUri Parse(string uri) =>
        TryParse(uri, out var parsed, out var error) ? parsed : throw new FormatException(error);

    /// <summary>
    /// Reads a <c>pushauth</c>, <c>otpauth</c> or <c>mfauth</c> URI. Accepts what AM writes as well as what we
    /// write: a padded or unpadded base32 secret, either letter case in scheme and type, parameters in any
    /// order, unknown parameters (ignored). Refuses anything a device could not register with, naming the
    /// problem, e.g. "missing parameter s".
    /// </summary>
    public static bool TryParse(
        string? uri,
        [NotNullWhen(true)] out ParsedRegistrationUri? parsed,
        [NotNullWhen(false)] out string? error)
    {
        parsed = null;
        try
        {
            parsed = ParseOrThrow(uri);
            error = null;
            return true;
        }
        catch (RegistrationUriException exception)
        {
            error = exception.Message;
            return false;
        }
    }

    private static ParsedRegistrationUri ParseOrThrow(string? uri)
    {
        if (string.IsNullOrWhiteSpace(uri))
        {
            throw new RegistrationUriException("the registration URI is empty");
        }

        var schemeEnd = uri.IndexOf("://", StringComparison.Ordinal);
        var scheme = schemeEnd < 0 ? "" : uri[..schemeEnd].ToLowerInvariant();
        if (scheme is not (PushScheme or OathScheme or CombinedScheme))
        {
            throw new RegistrationUriException("not a pushauth/otpauth/mfauth URI");
        }

        var rest = uri[(schemeEnd + 3)..];
        if (rest.Contains('#'))
        {
            throw new RegistrationUriException("a registration URI must not have a fragment ('#')");
        }

        var queryStart = rest.IndexOf('?');
        var pathPart = queryStart < 0 ? rest : rest[..queryStart];
        var query = ReadQuery(queryStart < 0 ? "" : rest[(queryStart + 1)..]);

        var slash = pathPart.IndexOf('/');
        var host = (slash < 0 ? pathPart : pathPart[..slash]).ToLowerInvariant();
        var (labelIssuer, accountName) = ReadLabel(slash < 0 ? "" : pathPart[(slash + 1)..]);

        if (scheme == PushScheme)
        {
            if (host != "push")
            {
                throw new RegistrationUriException($"a pushauth URI has host 'push', not '{host}'");
            }

            return new ParsedRegistrationUri.Push(ReadPush(query, labelIssuer, accountName, base64Image: true));
        }

        var kind = host switch
        {
            "totp" => OathKind.Totp,
            "hotp" => OathKind.Hotp,
            _ => throw new RegistrationUriException($"an {scheme} URI has type totp or hotp, not '{host}'"),
        };

        if (scheme == OathScheme)
        {
            var issuer = query.TryGetValue("issuer", out var plainIssuer) && plainIssuer.Length > 0
                ? UriComponentEscaping.Unescape(plainIssuer)
                : labelIssuer;
            return new ParsedRegistrationUri.Oath(ReadOath(query, kind, issuer, accountName));
        }

        var push = ReadPush(query, labelIssuer, accountName, base64Image: false);
        var oath = ReadOath(query, kind, push.Issuer, accountName);
        var policies = Optional(query, "policies") is { } encodedPolicies ? DecodeUtf8(encodedPolicies, "policies") : null;
        return new ParsedRegistrationUri.Combined(new CombinedRegistrationParameters(push, oath, policies));
    }

    private static PushRegistrationParameters ReadPush(
        Dictionary<string, string> query, string labelIssuer, string accountName, bool base64Image)
    {
        var messageId = UriComponentEscaping.Unescape(Required(query, "m"));
        var secret = DecodeBytes(Required(query, "s"), "s");
        var challenge = DecodeBytes(Required(query, "c"), "c");
        var registrationEndpoint = DecodeUtf8(Required(query, "r"), "r");
        var authenticationEndpoint = DecodeUtf8(Required(query, "a"), "a");
        var image = Optional(query, "image");

        return new PushRegistrationParameters
        {
            Issuer = Optional(query, "issuer") is { } issuer ? DecodeUtf8(issuer, "issuer") : labelIssuer,
            AccountName = accountName,
            LoadBalancerCookie = Optional(query, "l") is { } cookie ? DecodeUtf8(cookie, "l") : null,
            MessageId = messageId,
            SharedSecret = secret,
            Challenge = challenge,
            RegistrationEndpoint = registrationEndpoint,
            AuthenticationEndpoint = authenticationEndpoint,
            UserId = Optional(query, "uid") is { } uid ? DecodeUtf8(uid, "uid") : null,
            DeviceProfileId = Optional(query, "pid") is { } pid ? DecodeUtf8(pid, "pid") : null,
            BackgroundColour = ReadColour(query),
            ImageUrl = image is null ? null : base64Image ? DecodeUtf8(image, "image") : UriComponentEscaping.Unescape(image),
        };
    }

    private static OathRegistrationParameters ReadOath(
        Dictionary<string, string> query, OathKind kind, string issuer, string accountName)
    {
        var secretText = UriComponentEscaping.Unescape(Required(query, "secret"));
        if (!Base32.TryDecode(secretText, out var secret, out var secretError))
        {
            throw new RegistrationUriException($"parameter secret is not valid base32: {secretError}");
        }

        if (secret.Length == 0)
        {
            throw new RegistrationUriException("missing parameter secret");
        }

        var digits = ReadNumber(query, "digits", 6);
        if (digits is not (6 or 8))
        {
            throw new RegistrationUriException($"parameter digits must be 6 or 8, not {digits}");
        }

        var period = kind == OathKind.Totp ? ReadNumber(query, "period", 30) : 30;
        if (period < 1 || period > int.MaxValue)
        {
            throw new RegistrationUriException($"parameter period must be a positive number of seconds, not {period}");
        }

        var algorithm = Optional(query, "algorithm")?.ToUpperInvariant() switch
        {
            null or "SHA1" => OathHashAlgorithm.Sha1,
            "SHA256" => OathHashAlgorithm.Sha256,
            "SHA512" => OathHashAlgorithm.Sha512,
            var other => throw new RegistrationUriException($"parameter algorithm must be SHA1, SHA256 or SHA512, not '{other}'"),
        };

        var image = Optional(query, "image");
        return new OathRegistrationParameters
        {
            Issuer = issuer,
            AccountName = accountName,
            Kind = kind,
            Secret = secret,
            Digits = (int)digits,
            PeriodSeconds = (int)period,
            Counter = kind == OathKind.Hotp ? ReadNumber(query, "counter", 0) : 0,
            Algorithm = algorithm,
            BackgroundColour = ReadColour(query),
            ImageUrl = image is null ? null : UriComponentEscaping.Unescape(image),
            UserId = Optional(query, "uid") is { } uid ? DecodeUtf8(uid, "uid") : null,
            DeviceId = Optional(query, "oid") is { } oid ? DecodeUtf8(oid, "oid") : null,
        };
    }

    private static Dictionary<string, string> ReadQuery(string query)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            if (equals <= 0)
            {
                throw new RegistrationUriException(equals == 0
                    ? "a parameter has no name"
                    : $"parameter {pair} has no value");
            }

            var key = pair[..equals];
            if (!values.TryAdd(key, pair[(equals + 1)..]))
            {
                // Two values for one key: different readers would pick different ones.
                throw new RegistrationUriException($"duplicate parameter {key}");
            }
        }

        return values;
    }

    private static (string Issuer, string AccountName) ReadLabel(string label)
    {
        label = label.Trim('/');
        if (label.Length == 0)
        {
            throw new RegistrationUriException("missing issuer:account label");
        }

        var colon = label.IndexOf(':');
        if (colon < 0)
        {
            // Like the ForgeRock app: a label without ':' names both.
            var both = UriComponentEscaping.Unescape(label);
            return (both, both);
        }

        var issuer = UriComponentEscaping.Unescape(label[..colon]);
        var account = UriComponentEscaping.Unescape(label[(colon + 1)..]);
        if (issuer.Length == 0 && account.Length == 0)
        {
            throw new RegistrationUriException("missing issuer:account label");
        }

        return (issuer.Length == 0 ? account : issuer, account.Length == 0 ? issuer : account);
    }

    private static string? ReadColour(Dictionary<string, string> query)
    {
        if (Optional(query, "b") is not { } raw)
        {
            return null;
        }

        var colour = UriComponentEscaping.Unescape(raw).TrimStart('#');
        return colour.Length == 6 && colour.All(char.IsAsciiHexDigit)
            ? colour
            : throw new RegistrationUriException($"parameter b must be six hex digits, not '{raw}'");
    }

    private static long ReadNumber(Dictionary<string, string> query, string key, long defaultValue)
    {
        if (Optional(query, key) is not { } text)
        {
            return defaultValue;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new RegistrationUriException($"parameter {key} must be a whole number, not '{text}'");
    }

    private static string Required(Dictionary<string, string> query, string key) =>
        Optional(query, key) ?? throw new RegistrationUriException($"missing parameter {key}");

    // An empty value counts as absent, as in the ForgeRock app.
    private static string? Optional(Dictionary<string, string> query, string key) =>
        query.TryGetValue(key, out var value) && value.Length > 0 ? value : null;

    private static byte[] DecodeBytes(string value, string key) =>
        Base64Url.TryDecode(value, out var bytes, out var error)
            ? bytes
            : throw new RegistrationUriException($"parameter {key} is not valid base64url: {error}");

    private static string DecodeUtf8(string value, string key) =>
        Base64Url.TryDecodeUtf8(value, out var text, out var error)
            ? text
            : throw new RegistrationUriException($"parameter {key} is not valid base64url: {error}");

    private sealed class RegistrationUriException(string message) : Exception(message);
}
