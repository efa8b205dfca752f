using System.Globalization;
using System.Text;

namespace JourneyStudio.Runtime.Mfa;

/// <summary>
/// Builds the device-registration URIs that go into the QR code and the <c>mfaDeviceRegistration</c> hidden
/// value (am-protocol 4.1-4.4), with AM's parameter order and encodings. One deliberate difference: the OATH
/// <c>secret</c> is base32 <em>without</em> padding, which common authenticator apps require.
/// </summary>
public static partial class RegistrationUris
{
    /// <summary>AM's default background colour.</summary>
    public const string DefaultBackgroundColour = "032b75";

    /// <summary>Scheme of push registration URIs.</summary>
    public const string PushScheme = "pushauth";

    /// <summary>Scheme of OATH registration URIs.</summary>
    public const string OathScheme = "otpauth";

    /// <summary>Scheme of combined push + OATH registration URIs.</summary>
    public const string CombinedScheme = "mfauth";

    /// <summary><c>pushauth://push/{issuer}:{account}?l=…&amp;issuer=…&amp;m=…&amp;s=…&amp;c=…&amp;r=…&amp;a=…&amp;uid=…&amp;pid=…&amp;b=…&amp;image=…</c></summary>
    /// <exception cref="ArgumentException">A parameter is missing or invalid; the message names it.</exception>
    public static string BuildPush(PushRegistrationParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var query = PushQuery(parameters);
        return Compose(PushScheme, "push", parameters.Issuer, parameters.AccountName, query);
    }

    /// <summary><c>otpauth://{totp|hotp}/{issuer}:{account}?secret=…&amp;period|counter=…&amp;digits=…&amp;b=…&amp;image=…&amp;algorithm=…&amp;uid=…&amp;oid=…</c></summary>
    /// <exception cref="ArgumentException">A parameter is missing or invalid; the message names it.</exception>
    public static string BuildOath(OathRegistrationParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var query = OathQuery(parameters);
        return Compose(OathScheme, OathHost(parameters.Kind), parameters.Issuer, parameters.AccountName, query);
    }

    /// <summary>
    /// <c>mfauth://{totp|hotp}/{issuer}:{account}?</c> the push parameters, then the OATH ones, then
    /// <c>policies</c>. Like AM (which merges two ordered maps), a key both halves share (<c>b</c>,
    /// <c>image</c>, <c>uid</c>) appears once, at its push position, with the OATH encoding: so <c>image</c> is raw.
    /// </summary>
    /// <exception cref="ArgumentException">A parameter is missing or invalid, or the halves disagree.</exception>
    public static string BuildCombined(CombinedRegistrationParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var (push, oath) = (parameters.Push, parameters.Oath);
        RequireSame("Issuer", push.Issuer, oath.Issuer);
        RequireSame("AccountName", push.AccountName, oath.AccountName);
        RequireSame("BackgroundColour", NormaliseColour(push.BackgroundColour), NormaliseColour(oath.BackgroundColour));
        RequireSame("ImageUrl", push.ImageUrl, oath.ImageUrl);
        RequireSame("UserId", push.UserId, oath.UserId);

        var merged = new List<KeyValuePair<string, string>>(PushQuery(push));
        foreach (var (key, value) in OathQuery(oath))
        {
            var index = merged.FindIndex(p => p.Key == key);
            if (index >= 0)
            {
                merged[index] = new(key, value);
            }
            else
            {
                merged.Add(new(key, value));
            }
        }

        if (!string.IsNullOrEmpty(parameters.PoliciesJson))
        {
            merged.Add(new("policies", Base64Url.EncodeUtf8(parameters.PoliciesJson)));
        }

        return Compose(CombinedScheme, OathHost(oath.Kind), push.Issuer, push.AccountName, merged);
    }

    internal static string OathHost(OathKind kind) => kind == OathKind.Hotp ? "hotp" : "totp";

    internal static string AlgorithmName(OathHashAlgorithm algorithm) => algorithm switch
    {
        OathHashAlgorithm.Sha1 => "SHA1",
        OathHashAlgorithm.Sha256 => "SHA256",
        OathHashAlgorithm.Sha512 => "SHA512",
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unknown OATH hash algorithm."),
    };

    private static List<KeyValuePair<string, string>> PushQuery(PushRegistrationParameters p)
    {
        RequireLabel(p.Issuer, p.AccountName);
        RequireText(p.MessageId, nameof(p.MessageId));
        RequireBytes(p.SharedSecret, nameof(p.SharedSecret));
        RequireBytes(p.Challenge, nameof(p.Challenge));
        RequireAbsoluteUrl(p.RegistrationEndpoint, nameof(p.RegistrationEndpoint));
        RequireAbsoluteUrl(p.AuthenticationEndpoint, nameof(p.AuthenticationEndpoint));

        var query = new List<KeyValuePair<string, string>>();
        if (p.LoadBalancerCookie is not null)
        {
            query.Add(new("l", Base64Url.EncodeUtf8(p.LoadBalancerCookie)));
        }

        query.Add(new("issuer", Base64Url.EncodeUtf8(p.Issuer)));
        query.Add(new("m", UriComponentEscaping.EscapeQueryValue(p.MessageId)));
        query.Add(new("s", Base64Url.Encode(p.SharedSecret)));
        query.Add(new("c", Base64Url.Encode(p.Challenge)));
        query.Add(new("r", Base64Url.EncodeUtf8(p.RegistrationEndpoint)));
        query.Add(new("a", Base64Url.EncodeUtf8(p.AuthenticationEndpoint)));
        AddIfPresent(query, "uid", p.UserId, Base64Url.EncodeUtf8);
        AddIfPresent(query, "pid", p.DeviceProfileId, Base64Url.EncodeUtf8);
        AddIfPresent(query, "b", NormaliseColour(p.BackgroundColour), v => v);
        AddIfPresent(query, "image", p.ImageUrl, Base64Url.EncodeUtf8);
        return query;
    }

    private static List<KeyValuePair<string, string>> OathQuery(OathRegistrationParameters p)
    {
        RequireLabel(p.Issuer, p.AccountName);
        RequireBytes(p.Secret, nameof(p.Secret));
        if (p.Digits is not (6 or 8))
        {
            throw new ArgumentException($"Digits must be 6 or 8, not {p.Digits}.", nameof(p.Digits));
        }

        var query = new List<KeyValuePair<string, string>> { new("secret", Base32.Encode(p.Secret)) };
        if (p.Kind == OathKind.Hotp)
        {
            if (p.Counter < 0)
            {
                throw new ArgumentException($"Counter must not be negative, not {p.Counter}.", nameof(p.Counter));
            }

            query.Add(new("counter", p.Counter.ToString(CultureInfo.InvariantCulture)));
        }
        else
        {
            if (p.PeriodSeconds < 1)
            {
                throw new ArgumentException($"PeriodSeconds must be at least 1, not {p.PeriodSeconds}.", nameof(p.PeriodSeconds));
            }

            query.Add(new("period", p.PeriodSeconds.ToString(CultureInfo.InvariantCulture)));
        }

        query.Add(new("digits", p.Digits.ToString(CultureInfo.InvariantCulture)));
        AddIfPresent(query, "b", NormaliseColour(p.BackgroundColour), v => v);
        AddIfPresent(query, "image", p.ImageUrl, UriComponentEscaping.EscapeQueryValue);
        if (p.Algorithm != OathHashAlgorithm.Sha1)
        {
            query.Add(new("algorithm", AlgorithmName(p.Algorithm)));
        }

        AddIfPresent(query, "uid", p.UserId, Base64Url.EncodeUtf8);
        AddIfPresent(query, "oid", p.DeviceId, Base64Url.EncodeUtf8);
        return query;
    }

    private static string Compose(string scheme, string host, string issuer, string accountName,
        IEnumerable<KeyValuePair<string, string>> query)
    {
        var builder = new StringBuilder()
            .Append(scheme).Append("://").Append(host).Append('/')
            .Append(UriComponentEscaping.EscapeLabelPart(issuer)).Append(':')
            .Append(UriComponentEscaping.EscapeLabelPart(accountName)).Append('?');
        var first = true;
        foreach (var (key, value) in query)
        {
            if (!first)
            {
                builder.Append('&');
            }

            builder.Append(key).Append('=').Append(value);
            first = false;
        }

        return builder.ToString();
    }

    private static string? NormaliseColour(string? colour)
    {
        if (colour is null)
        {
            return null;
        }

        var hex = colour.StartsWith('#') ? colour[1..] : colour;
        if (hex.Length != 6 || !hex.All(char.IsAsciiHexDigit))
        {
            throw new ArgumentException($"BackgroundColour must be six hex digits, such as 032b75, not '{colour}'.", "BackgroundColour");
        }

        return hex;
    }

    private static void AddIfPresent(List<KeyValuePair<string, string>> query, string key, string? value, Func<string, string> encode)
    {
        if (value is not null)
        {
            query.Add(new(key, encode(value)));
        }
    }

    private static void RequireLabel(string issuer, string accountName)
    {
        RequireText(issuer, "Issuer");
        RequireText(accountName, "AccountName");
    }

    private static void RequireText(string? value, string name)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new ArgumentException($"{name} is required.", name);
        }
    }

    private static void RequireBytes(byte[]? value, string name)
    {
        if (value is null || value.Length == 0)
        {
            throw new ArgumentException($"{name} must not be empty.", name);
        }
    }

    private static void RequireAbsoluteUrl(string? value, string name)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"{name} must be an absolute http(s) URL, not '{value}'.", name);
        }
    }

    private static void RequireSame(string name, string? push, string? oath)
    {
        if (!string.Equals(push, oath, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"{name} differs between the push ('{push}') and OATH ('{oath}') halves of a combined registration.", name);
        }
    }
}
