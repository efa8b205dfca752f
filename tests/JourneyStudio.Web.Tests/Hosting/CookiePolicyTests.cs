using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using JourneyStudio.Testing;

namespace JourneyStudio.Web.Tests.Hosting;

/// <summary>
/// The cookies a browser gets from the studio (antiforgery, admin sign-in, the end user's session), over a
/// real HTTPS endpoint and over plain HTTP: never readable by scripts, never sent along by other sites'
/// requests, and marked Secure exactly when they came over HTTPS.
/// </summary>
public sealed partial class CookiePolicyTests
{
    [Fact]
    public async Task OverHttps_EveryCookieIsSecureHttpOnlyAndSameSite()
    {
        using var certificate = SelfSignedLocalhost();
        await using var server = StudioServer.Start(httpsCertificate: certificate);
        Assert.Equal("https", server.BaseAddress.Scheme);

        var cookies = await CollectCookiesAsync(server, certificate);

        Assert.Equal(3, cookies.Count);
        foreach (var (name, attributes) in cookies)
        {
            Assert.True(attributes.Contains("secure"), $"{name} is not Secure over HTTPS: {string.Join("; ", attributes)}");
            AssertHttpOnlyAndSameSite(name, attributes);
        }
    }

    [Fact]
    public async Task OverHttp_CookiesAreHttpOnlyAndSameSite_ButNotSecure()
    {
        await using var server = StudioServer.Start();

        var cookies = await CollectCookiesAsync(server, certificate: null);

        Assert.Equal(3, cookies.Count);
        foreach (var (name, attributes) in cookies)
        {
            // A Secure cookie would never come back over HTTP: signing in on a plain-HTTP studio must keep working.
            Assert.False(attributes.Contains("secure"), $"{name} is Secure over HTTP");
            AssertHttpOnlyAndSameSite(name, attributes);
        }
    }

    private static void AssertHttpOnlyAndSameSite(string name, IReadOnlySet<string> attributes)
    {
        Assert.True(attributes.Contains("httponly"), $"{name} is readable by scripts: {string.Join("; ", attributes)}");
        Assert.True(attributes.Contains("samesite=lax") || attributes.Contains("samesite=strict"), $"{name}: {string.Join("; ", attributes)}");
    }

    /// <summary>
    /// Signs in to the studio through its form (antiforgery cookie, then the admin cookie) and signs on as an
    /// end user through a journey (the session cookie); returns each cookie's attributes, lower case.
    /// </summary>
    private static async Task<Dictionary<string, IReadOnlySet<string>>> CollectCookiesAsync(StudioServer server, X509Certificate2? certificate)
    {
        var cookies = new Dictionary<string, IReadOnlySet<string>>();
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() };
        if (certificate is not null)
            handler.ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == certificate.Thumbprint;
        using var http = new HttpClient(handler) { BaseAddress = server.BaseAddress };

        var form = await http.GetAsync("admin/login");
        Collect(form, cookies, ".AspNetCore.Antiforgery.");
        var token = AntiforgeryField().Match(await form.Content.ReadAsStringAsync()).Groups["token"].Value;
        Assert.NotEmpty(token);
        var signIn = await http.PostAsync("admin/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Username"] = StudioServer.AdminUsername,
            ["Password"] = StudioServer.AdminPassword,
            ["ReturnUrl"] = "/",
        }));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Collect(signIn, cookies, ".JourneyStudio.Admin");

        await SignOnJourneys.SeedAsync(server);
        var started = await http.PostAsync(AuthenticateUrl, new StringContent("", System.Text.Encoding.UTF8, "application/json"));
        var step = JsonNode.Parse(await started.Content.ReadAsStringAsync())!.AsObject();
        var filled = Api.AmClient.Fill(step, SignOnJourneys.Username, SignOnJourneys.Password);
        var signedOn = await http.PostAsync(AuthenticateUrl, new StringContent(filled.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, signedOn.StatusCode);
        Collect(signedOn, cookies, "iPlanetDirectoryPro");
        return cookies;
    }

    private static string AuthenticateUrl => Api.AmClient.AuthenticateUrl(SignOnJourneys.PageWithRetry);

    private static void Collect(HttpResponseMessage response, Dictionary<string, IReadOnlySet<string>> cookies, string namePrefix)
    {
        var setCookie = response.Headers.TryGetValues("Set-Cookie", out var values) ? values.ToList() : [];
        var cookie = Assert.Single(setCookie, c => c.StartsWith(namePrefix, StringComparison.Ordinal));
        var parts = cookie.Split(';', StringSplitOptions.TrimEntries);
        cookies[parts[0].Split('=')[0]] = parts.Skip(1).Select(p => p.ToLowerInvariant()).ToHashSet();
    }

    private static X509Certificate2 SelfSignedLocalhost()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        // Kestrel needs a certificate whose private key it can use for TLS: round-trip through PKCS#12.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
