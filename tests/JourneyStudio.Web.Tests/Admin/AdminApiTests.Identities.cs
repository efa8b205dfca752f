using System.Net;
using System.Text.Json;
using JourneyStudio.Runtime.Devices;
using JourneyStudio.Runtime.Identities;
using Microsoft.Extensions.DependencyInjection;
using static JourneyStudio.Web.Tests.Admin.AdminApiFixture;

namespace JourneyStudio.Web.Tests.Admin;

public sealed partial class AdminApiTests
{
    private IdentityStore Identities => fixture.Server.Services.GetRequiredService<IdentityStore>();

    private Task<HttpResponseMessage> CreateIdentityAsync(object body) =>
        _admin.PostAsync("/admin/api/identities", Json(JsonSerializer.Serialize(body)));

    [Fact]
    public async Task CreateIdentity_Answers201_AndTheUserCanBeRead()
    {
        var response = await CreateIdentityAsync(new { username = "ann.api", password = "Ann-password-1", givenName = "Ann", sn = "Api", mail = "ann@example.com" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await ReadJsonAsync(response);
        Assert.Equal("ann.api", created.GetProperty("username").GetString());
        Assert.False(created.TryGetProperty("password", out _));
        Assert.False(created.TryGetProperty("passwordHash", out _));
        var read = await ReadJsonAsync(await _admin.GetAsync("/admin/api/identities/ann.api"));
        Assert.Equal(("Ann", "Api", "ann@example.com", true),
            (read.GetProperty("givenName").GetString(), read.GetProperty("sn").GetString(), read.GetProperty("mail").GetString(), read.GetProperty("active").GetBoolean()));
        Assert.True(await Identities.VerifyPasswordAsync("ann.api", "Ann-password-1"));
    }

    [Fact]
    public async Task CreateIdentity_UsernameTaken_Answers409()
    {
        await CreateIdentityAsync(new { username = "taken.api", password = "Taken-password-1" });

        var response = await CreateIdentityAsync(new { username = "TAKEN.api", password = "Other-password-1" });

        await AssertErrorAsync(response, HttpStatusCode.Conflict, "taken.api");
    }

    [Fact]
    public async Task CreateIdentity_ShortPassword_Answers400WithTheRule()
    {
        var response = await CreateIdentityAsync(new { username = "short.api", password = "short" });

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, $"at least {IdentityRules.MinPasswordLength} characters");
        Assert.Null(await Identities.GetAsync("short.api"));
    }

    [Fact]
    public async Task CreateIdentity_UnknownFieldOrWrongType_Answers400WithPaths()
    {
        var response = await CreateIdentityAsync(new { username = "typo.api", password = "Typo-password-1", surname = "X", mail = 5 });

        await AssertErrorAsync(response, HttpStatusCode.BadRequest);
        var paths = (await ReadJsonAsync(response)).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString());
        Assert.Equal(["$.surname", "$.mail"], paths);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[]")]
    [InlineData("")]
    public async Task CreateIdentity_BodyThatIsNoObject_Answers400(string body)
    {
        await AssertErrorAsync(await _admin.PostAsync("/admin/api/identities", Json(body)), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ListIdentities_FiltersBySearch()
    {
        await CreateIdentityAsync(new { username = "search.one", password = "Search-password-1", mail = "needle@example.com" });
        await CreateIdentityAsync(new { username = "search.two", password = "Search-password-2" });

        var all = await ReadJsonAsync(await _admin.GetAsync("/admin/api/identities"));
        var found = await ReadJsonAsync(await _admin.GetAsync("/admin/api/identities?search=needle"));

        Assert.Contains(all.EnumerateArray(), i => i.GetProperty("username").GetString() == "search.two");
        Assert.Equal(["search.one"], found.EnumerateArray().Select(i => i.GetProperty("username").GetString()));
    }

    [Fact]
    public async Task GetIdentity_Unknown_Answers404()
    {
        await AssertErrorAsync(await _admin.GetAsync("/admin/api/identities/nobody.api"), HttpStatusCode.NotFound, "nobody.api");
    }

    [Fact]
    public async Task UpdateIdentity_ChangesOnlyTheGivenFields_IncludingActiveAndPassword()
    {
        await CreateIdentityAsync(new { username = "update.api", password = "Update-password-1", givenName = "Up", sn = "Date" });

        var response = await _admin.PutAsync("/admin/api/identities/update.api",
            Json(JsonSerializer.Serialize(new { sn = "Dated", active = false, password = "Update-password-2" })));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var identity = await Identities.GetAsync("update.api");
        Assert.Equal(("Up", "Dated", false), (identity!.GivenName, identity.Sn, identity.Active));
        await Identities.UpdateAsync("update.api", new IdentityUpdate(Active: true));
        Assert.False(await Identities.VerifyPasswordAsync("update.api", "Update-password-1"));
        Assert.True(await Identities.VerifyPasswordAsync("update.api", "Update-password-2"));
    }

    [Fact]
    public async Task UpdateIdentity_BadValues_Answers400AndChangesNothing()
    {
        await CreateIdentityAsync(new { username = "badupdate.api", password = "Bad-update-password-1", mail = "ok@example.com" });

        var wrongType = await _admin.PutAsync("/admin/api/identities/badupdate.api", Json("{\"active\": \"no\"}"));
        var badMail = await _admin.PutAsync("/admin/api/identities/badupdate.api", Json("{\"mail\": \"not an address\"}"));
        var rename = await _admin.PutAsync("/admin/api/identities/badupdate.api", Json("{\"username\": \"other\"}"));

        await AssertErrorAsync(wrongType, HttpStatusCode.BadRequest);
        Assert.Equal("$.active", (await ReadJsonAsync(wrongType)).GetProperty("errors")[0].GetProperty("path").GetString());
        await AssertErrorAsync(badMail, HttpStatusCode.BadRequest, "not a valid email address");
        await AssertErrorAsync(rename, HttpStatusCode.BadRequest, "cannot be changed");
        var identity = await Identities.GetAsync("badupdate.api");
        Assert.Equal(("ok@example.com", true), (identity!.Mail, identity.Active));
    }

    [Fact]
    public async Task UpdateIdentity_Unknown_Answers404()
    {
        await AssertErrorAsync(await _admin.PutAsync("/admin/api/identities/nobody.api", Json("{\"sn\": \"X\"}")), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DeleteIdentity_RemovesIt_ThenAnswers404()
    {
        await CreateIdentityAsync(new { username = "delete.api", password = "Delete-password-1" });

        Assert.Equal(HttpStatusCode.NoContent, (await DeleteAsync("/admin/api/identities/delete.api")).StatusCode);

        Assert.Null(await Identities.GetAsync("delete.api"));
        await AssertErrorAsync(await DeleteAsync("/admin/api/identities/delete.api"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ResetDevices_ClearsTheSkipChoicesAndCallsEveryMfaResetHook()
    {
        await CreateIdentityAsync(new { username = "reset.api", password = "Reset-password-1" });
        await Identities.SetSkipAsync("reset.api", MfaMethod.Push, MfaSkipState.Skippable);
        await Identities.SetSkipAsync("reset.api", MfaMethod.Oath, MfaSkipState.NotSkippable);
        var devices = fixture.Server.Services.GetRequiredService<DeviceStore>();
        await devices.AddAsync(new MfaDevice { Username = "reset.api", Kind = DeviceKind.Push, Uuid = Guid.NewGuid().ToString(), ProtectedSecret = "x" });
        await fixture.Server.Services.GetRequiredService<RecoveryCodeStore>().ReplaceAsync("reset.api", [DeviceKind.Push], ["hash-1", "hash-2"]);

        var response = await DeleteAsync("/admin/api/identities/reset.api/devices");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var identity = await Identities.GetAsync("reset.api");
        Assert.Equal((MfaSkipState.NotSet, MfaSkipState.NotSet), (identity!.PushSkip, identity.OathSkip));
        Assert.Contains("reset.api", fixture.MfaReset.Usernames);
        Assert.Empty(await devices.ListAsync("reset.api"));
        Assert.Equal(0, await fixture.Server.Services.GetRequiredService<RecoveryCodeStore>().CountAsync("reset.api", DeviceKind.Push));
    }

    [Fact]
    public async Task ResetDevices_UnknownUser_Answers404AndCallsNoHook()
    {
        await AssertErrorAsync(await DeleteAsync("/admin/api/identities/ghost.api/devices"), HttpStatusCode.NotFound);
        Assert.DoesNotContain("ghost.api", fixture.MfaReset.Usernames);
    }
}
