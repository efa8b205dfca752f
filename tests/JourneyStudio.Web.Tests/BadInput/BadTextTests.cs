using System.Security.Cryptography;
using System.Text;
using JourneyStudio.Journeys.Frodo;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Runtime.Mfa;
using JourneyStudio.Testing;
using StoredKind = JourneyStudio.Runtime.Devices.PushMessageKind;
using static JourneyStudio.Web.Tests.BadInput.ErrorShapes;

namespace JourneyStudio.Web.Tests.BadInput;

/// <summary>
/// Text a JSON parser accepts but a string cannot hold (lone surrogates), bytes that are not UTF-8 and
/// duplicate keys: each is a 400 in the endpoint family's own shape naming the JSON path, never a 500.
/// </summary>
public sealed class BadTextTests(BadInputServerFixture fixture) : IClassFixture<BadInputServerFixture>
{
    private const string Alpha = "json/realms/root/realms/alpha";
    private const string Push = Alpha + "/push/sns/message";

    private static byte[] Bytes(params object[] parts) =>
        parts.SelectMany(p => p is string s ? Encoding.UTF8.GetBytes(s) : (byte[])p).ToArray();

    private async Task<string> StartedStepAsync(HttpClient client)
    {
        var started = await RawReply.PostAsync(client, $"{Alpha}/authenticate?authIndexType=service&authIndexValue={Uri.EscapeDataString(SignOnJourneys.Plain)}", "");
        Assert.Equal(200, started.Status);
        return started.Text;
    }

    // ---- end-user API ----

    [Fact]
    public async Task Authenticate_LoneSurrogateAuthId_Is400NamingThePath()
    {
        using var client = fixture.Anonymous();
        AssertAmBadJson(await RawReply.PostAsync(client, $"{Alpha}/authenticate", """{"authId":"\ud800"}"""), "$.authId");
    }

    [Fact]
    public async Task Authenticate_LoneSurrogateCallbackType_Is400NamingThePath()
    {
        using var client = fixture.Anonymous();
        var step = await StartedStepAsync(client);
        var bad = ReplaceFirst(step, "\"type\":\"NameCallback\"", """ "type":"\udc00" """.Trim());

        AssertAmBadJson(await RawReply.PostAsync(client, $"{Alpha}/authenticate", bad), "$.callbacks[0].type");
    }

    [Fact]
    public async Task Authenticate_LoneSurrogateInputName_Is400NamingThePath()
    {
        using var client = fixture.Anonymous();
        var step = await StartedStepAsync(client);
        var bad = ReplaceFirst(step, "\"name\":\"IDToken1\"", """ "name":"IDToken1\ud83d" """.Trim());

        AssertAmBadJson(await RawReply.PostAsync(client, $"{Alpha}/authenticate", bad), "$.callbacks[0].input[0].name");
    }

    [Fact]
    public async Task Authenticate_LoneSurrogatePropertyName_Is400NamingThePath()
    {
        using var client = fixture.Anonymous();
        var step = await StartedStepAsync(client);
        var bad = ReplaceFirst(step, "\"type\":\"NameCallback\"", """ "\ud800":1,"type":"NameCallback" """.Trim());

        AssertAmBadJson(await RawReply.PostAsync(client, $"{Alpha}/authenticate", bad), """$.callbacks[0]['\ud800']""");
    }

    [Fact]
    public async Task Authenticate_InvalidUtf8_Is400NamingThePath()
    {
        using var client = fixture.Anonymous();
        var reply = await RawReply.SendAsync(client, HttpMethod.Post, $"{Alpha}/authenticate", Bytes("""{"authId":"ab""", new byte[] { 0xFF, 0xC0, 0xAF }, "\"}"));

        AssertAmBadJson(reply, "$.authId");
        Assert.Contains("UTF-8", (string)reply.Json!["message"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authenticate_DuplicateAuthId_Is400NamingThePath()
    {
        using var client = fixture.Anonymous();
        var step = await StartedStepAsync(client);
        var bad = ReplaceFirst(step, "\"callbacks\":", "\"authId\":\"other\",\"callbacks\":");

        AssertAmBadJson(await RawReply.PostAsync(client, $"{Alpha}/authenticate", bad), "$.authId");
    }

    [Theory]
    [InlineData("json/realms/root/realms/alpha/sessions?_action=getSessionInfo")]
    [InlineData("json/realms/root/sessions?_action=getSessionInfo")]
    public async Task Sessions_LoneSurrogateTokenId_Is400NamingThePath(string path)
    {
        using var client = fixture.Anonymous();
        AssertAmBadJson(await RawReply.PostAsync(client, path, """{"tokenId":"\ud800"}"""), "$.tokenId");
    }

    // ---- hosted pages ----

    [Fact]
    public async Task LoginQr_LoneSurrogateText_Is400NamingThePath()
    {
        using var client = fixture.Anonymous();
        AssertAmBadJson(await RawReply.PostAsync(client, "login/qr", """{"text":"otpauth://totp/x\ud800"}"""), "$.text");
    }

    [Fact]
    public async Task LoginQr_DuplicateText_Is400NamingThePath()
    {
        using var client = fixture.Anonymous();
        AssertAmBadJson(await RawReply.PostAsync(client, "login/qr", """{"text":"a","text":"b"}"""), "$.text");
    }

    // ---- push device endpoints ----

    [Theory]
    [InlineData("register", """{"messageId":"\ud800","jwt":"a.b.c"}""", "$.messageId")]
    [InlineData("register", """{"messageId":"REGISTER:1","jwt":"\udfff"}""", "$.jwt")]
    [InlineData("authenticate", """{"messageId":"\ud800x","jwt":"a.b.c"}""", "$.messageId")]
    [InlineData("authenticate", """{"messageId":"AUTHENTICATE:1","jwt":"x\ud800"}""", "$.jwt")]
    [InlineData("refresh", """{"mechanismUid":"\ud800","username":"alice","jwt":"a.b.c"}""", "$.mechanismUid")]
    [InlineData("refresh", """{"mechanismUid":"m","username":"alice","jwt":"\ud800"}""", "$.jwt")]
    [InlineData("register", """{"\ud800":"x","messageId":"REGISTER:1","jwt":"a.b.c"}""", """$['\ud800']""")]
    public async Task Push_LoneSurrogate_Is400NamingThePath(string action, string body, string path)
    {
        using var client = fixture.Anonymous();
        AssertAmBadJson(await RawReply.PostAsync(client, $"{Push}?_action={action}", body), path);
    }

    [Theory]
    [InlineData("register", """{"messageId":"a","messageId":"b","jwt":"a.b.c"}""", "$.messageId")]
    [InlineData("authenticate", """{"messageId":"AUTHENTICATE:1","jwt":"a.b.c","jwt":"d.e.f"}""", "$.jwt")]
    [InlineData("refresh", """{"mechanismUid":"m","username":"a","username":"b","jwt":"a.b.c"}""", "$.username")]
    public async Task Push_DuplicateKeys_Is400NamingThePath(string action, string body, string path)
    {
        using var client = fixture.Anonymous();
        AssertAmBadJson(await RawReply.PostAsync(client, $"json/realms/root/push/sns/message?_action={action}", body), path);
        AssertAmBadJson(await RawReply.PostAsync(client, $"{Push}?_action={action}", body), path);
    }

    [Fact]
    public async Task Push_SignedJwtWithLoneSurrogateClaim_Is400()
    {
        var secret = PushChallenge.NewSecret();
        var (messageId, _) = await PushTestMessages.CreateAsync(fixture.Server.Services, StoredKind.Authenticate, secret);
        var signed = Base64Url.EncodeUtf8("""{"typ":"JWT","alg":"HS256"}""") + "." + Base64Url.EncodeUtf8("""{"response":"\ud800"}""");
        var jwt = signed + "." + Base64Url.Encode(HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(signed)));
        using var client = fixture.Anonymous();

        var reply = await RawReply.PostAsync(client, $"{Push}?_action=authenticate", $$"""{"messageId":"{{messageId}}","jwt":"{{jwt}}"}""");

        AssertAmBadJson(reply, "$.response");
    }

    // ---- admin API ----

    [Fact]
    public async Task AdminIdentityCreate_LoneSurrogate_Is400NamingThePath_AndCreatesNothing()
    {
        using var admin = fixture.Admin();
        AssertAdminBadJson(await RawReply.PostAsync(admin, "admin/api/identities", """{"username":"lone\ud800","password":"Some-password-1"}"""), "$.username");
        AssertAdminBadJson(await RawReply.PostAsync(admin, "admin/api/identities", """{"username":"lone-key","\udc00":"x","password":"Some-password-1"}"""), """$['\udc00']""");
        Assert.Equal(404, (await RawReply.SendAsync(admin, HttpMethod.Get, "admin/api/identities/lone-key", null)).Status);
    }

    [Fact]
    public async Task AdminIdentityCreate_InvalidUtf8_Is400_AndCreatesNothing()
    {
        using var admin = fixture.Admin();
        var reply = await RawReply.SendAsync(admin, HttpMethod.Post, "admin/api/identities",
            Bytes("""{"username":"utf8-user""", new byte[] { 0xED, 0xA0, 0x80 }, "\",\"password\":\"Some-password-1\"}"));

        AssertAdminBadJson(reply, "$.username");
        Assert.Equal(404, (await RawReply.SendAsync(admin, HttpMethod.Get, "admin/api/identities/utf8-user%EF%BF%BD", null)).Status);
    }

    [Fact]
    public async Task AdminIdentityCreate_DuplicateKeys_Is400NamingThePath()
    {
        using var admin = fixture.Admin();
        AssertAdminBadJson(await RawReply.PostAsync(admin, "admin/api/identities", """{"username":"dup-user","password":"Some-password-1","password":"Other-password-2"}"""), "$.password");
    }

    [Fact]
    public async Task AdminIdentityUpdate_LoneSurrogate_Is400NamingThePath()
    {
        using var admin = fixture.Admin();
        AssertAdminBadJson(await RawReply.PutAsync(admin, $"admin/api/identities/{BadInputServerFixture.ExistingIdentity}", """{"givenName":"\ud800"}"""), "$.givenName");
    }

    [Fact]
    public async Task JourneyImport_LoneSurrogate_Is400NamingThePath_AndImportsNothing()
    {
        using var admin = fixture.Admin();
        var export = ExportWithDescription("Bad Text Import", """\ud800""");

        AssertAdminBadJson(await RawReply.PostAsync(admin, "admin/api/journeys/import", export), "$.tree.description");
        Assert.Equal(404, (await RawReply.SendAsync(admin, HttpMethod.Get, "admin/api/journeys/Bad%20Text%20Import", null)).Status);
    }

    [Fact]
    public async Task JourneyPut_LoneSurrogate_Is400NamingThePath()
    {
        using var admin = fixture.Admin();
        var export = ExportWithDescription("Bad Text Put", """x\udfff""");

        AssertAdminBadJson(await RawReply.PutAsync(admin, "admin/api/journeys/Bad%20Text%20Put", export), "$.tree.description");
    }

    private static string ExportWithDescription(string name, string escapedDescription)
    {
        var export = FrodoJourneyWriter.WriteSingle(new Journey { Name = name, Description = "DESCRIPTION-MARK", EntryNodeId = StaticNodeIds.Success });
        return ReplaceFirst(export, "\"DESCRIPTION-MARK\"", "\"" + escapedDescription + "\"");
    }

    private static string ReplaceFirst(string text, string find, string replacement)
    {
        var at = text.IndexOf(find, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{find}' is not in {text}");
        return text[..at] + replacement + text[(at + find.Length)..];
    }
}
