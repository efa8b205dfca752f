using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using JourneyStudio.Testing;
using OtpNet;

namespace JourneyStudio.Web.Tests.EndToEnd;

/// <summary>
/// A ForgeRock Authenticator on a phone, as far as the server can tell: it scans a <c>pushauth://</c> or
/// <c>mfauth://</c> URI, registers at the URI's <c>r</c> URL, receives pushes from the embedded transport's inbox
/// (the HTTP endpoint the virtual authenticator polls) and answers them at the URI's <c>a</c> URL. The URI is
/// parsed here, independently of the server's code; the JWTs use <see cref="PushTestDevice"/>.
/// </summary>
public sealed class AuthenticatorApp(Uri serverBase, HttpMessageHandler? handler = null) : IDisposable
{
    private readonly HttpClient _http = new(handler ?? new HttpClientHandler()) { BaseAddress = serverBase };

    public PushTestDevice? Device { get; private set; }

    /// <summary>
    /// Another instance of the studio that the app's requests go to instead of the one in the scanned URI (as a load
    /// balancer in front of several instances would send them); null keeps the URI's.
    /// </summary>
    public Uri? Through { get; set; }

    /// <summary>The parsed query of the last scanned URI (values decoded where AM encodes them).</summary>
    public ScannedAccount? Account { get; private set; }

    /// <summary>Reads the QR code's URI; the app keeps the secret and endpoints but has not registered yet.</summary>
    public ScannedAccount Scan(string uri)
    {
        Account = ScannedAccount.Parse(uri);
        Device = new PushTestDevice(Account.PushSecret);
        return Account;
    }

    /// <summary>Scans, then posts the registration to the <c>r</c> URL (am-protocol 4.5) and returns the HTTP status.</summary>
    public async Task<int> ScanAndRegisterAsync(string uri)
    {
        var account = Scan(uri);
        var jwt = Device!.RegistrationJwt(account.RegistrationChallenge);
        var (status, _) = await PostAsync(account.RegisterUrl, new JsonObject { ["messageId"] = account.MessageId, ["jwt"] = jwt });
        return status;
    }

    /// <summary>Everything in the device's inbox (the push notifications delivered to it), each verified with the shared secret.</summary>
    public async Task<IReadOnlyList<PushNotification>> ReceiveAsync()
    {
        var device = Device ?? throw new InvalidOperationException("Scan a registration QR code first.");
        using var response = await _http.GetAsync(new Uri(Through ?? _http.BaseAddress!, $"virtual-authenticator/api/inbox/{device.DeviceToken}"));
        response.EnsureSuccessStatusCode();
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return body["messages"]!.AsArray().Select(m => new PushNotification(
            (string)m!["messageId"]!, VerifiedClaims((string)m["message"]!, device.Secret), (string?)m["userMessage"], (string?)m["pushType"])).ToList();
    }

    /// <summary>Waits for exactly one new notification.</summary>
    public async Task<PushNotification> ReceiveOneAsync() => Assert.Single(await ReceiveAsync());

    /// <summary>Approves or denies at the <c>a</c> URL (am-protocol 4.7); returns the HTTP status and the error message, if any.</summary>
    public async Task<(int Status, string? Message)> AnswerAsync(PushNotification notification, bool approve = true, int? number = null)
    {
        var device = Device ?? throw new InvalidOperationException("Scan a registration QR code first.");
        var jwt = device.AuthenticationJwt((string)notification.Claims["c"]!, deny: !approve,
            number: number?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var (status, body) = await PostAsync(Account!.AuthenticateUrl, new JsonObject { ["messageId"] = notification.MessageId, ["jwt"] = jwt });
        return (status, (string?)body?["message"]);
    }

    /// <summary>The current TOTP code of a combined (<c>mfauth</c>) registration, at the server's time.</summary>
    public string Totp(DateTimeOffset at)
    {
        var account = Account ?? throw new InvalidOperationException("Scan a registration QR code first.");
        var secret = Base32Encoding.ToBytes(account.Query["secret"].TrimEnd('='));
        return new Totp(secret, step: int.Parse(account.Query["period"]), totpSize: int.Parse(account.Query["digits"]))
            .ComputeTotp(at.UtcDateTime);
    }

    private async Task<(int Status, JsonNode? Body)> PostAsync(string url, JsonObject body)
    {
        if (Through is not null) url = new Uri(Through, new Uri(url).PathAndQuery).ToString();
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Accept-API-Version", "resource=1.0, protocol=1.0");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Add("Cookie", Account!.LoadBalancerCookie);
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    /// <summary>The claims of an HS256 JWT after checking its signature with the shared secret, as the app does before showing it.</summary>
    private static JsonObject VerifiedClaims(string jwt, byte[] secret)
    {
        var parts = jwt.Split('.');
        Assert.Equal(3, parts.Length);
        var header = JsonNode.Parse(FromBase64Url(parts[0]))!;
        Assert.Equal("HS256", (string?)header["alg"]);
        var expected = HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
        Assert.True(CryptographicOperations.FixedTimeEquals(expected, FromBase64Url(parts[2])), "The push JWT is not signed with the device's secret.");
        return JsonNode.Parse(FromBase64Url(parts[1]))!.AsObject();
    }

    internal static byte[] FromBase64Url(string text)
    {
        var standard = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(standard.PadRight(standard.Length + (4 - standard.Length % 4) % 4, '='));
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>A push notification as the app sees it: the message id and the verified claims (c, n, k, m, d, t, x, …).</summary>
public sealed record PushNotification(string MessageId, JsonObject Claims, string? UserMessage, string? PushType)
{
    /// <summary>The three numbers of a number challenge (claim <c>n</c>).</summary>
    public IReadOnlyList<int> Numbers => ((string)Claims["n"]!).Split(',').Select(int.Parse).ToList();
}

/// <summary>A scanned registration URI: scheme, issuer, account name and the decoded push parameters.</summary>
public sealed record ScannedAccount(string Scheme, string Issuer, string AccountName, IReadOnlyDictionary<string, string> Query)
{
    public string MessageId => Query["m"];

    public byte[] PushSecret => AuthenticatorApp.FromBase64Url(Query["s"]);

    /// <summary>The challenge <c>c</c> as standard base64, the form the response is computed over.</summary>
    public string RegistrationChallenge => Convert.ToBase64String(AuthenticatorApp.FromBase64Url(Query["c"]));

    public string RegisterUrl => Utf8(Query["r"]);

    public string AuthenticateUrl => Utf8(Query["a"]);

    public string LoadBalancerCookie => Utf8(Query["l"]);

    public static ScannedAccount Parse(string uri)
    {
        var schemeEnd = uri.IndexOf("://", StringComparison.Ordinal);
        var queryStart = uri.IndexOf('?');
        Assert.True(schemeEnd > 0 && queryStart > schemeEnd, $"Not a registration URI: {uri}");
        var path = uri[(schemeEnd + 3)..queryStart];
        var label = path[(path.IndexOf('/') + 1)..];
        var colon = label.IndexOf(':');
        var query = uri[(queryStart + 1)..].Split('&')
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(kv => kv[0], kv => Uri.UnescapeDataString(kv.Length > 1 ? kv[1] : ""));
        return new ScannedAccount(uri[..schemeEnd], Uri.UnescapeDataString(label[..colon]), Uri.UnescapeDataString(label[(colon + 1)..]), query);
    }

    private static string Utf8(string base64Url) => Encoding.UTF8.GetString(AuthenticatorApp.FromBase64Url(base64Url));
}
