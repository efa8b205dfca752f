using System.Net;
using System.Text.Json;
using static JourneyStudio.Web.Tests.Admin.AdminApiFixture;

namespace JourneyStudio.Web.Tests.Admin;

/// <summary>The identity profile fields of <c>/admin/api/identities</c>: IDM's names and shapes, answers write-only.</summary>
public sealed partial class AdminApiTests
{
    [Fact]
    public async Task CreateIdentity_WithProfile_ShowsItBack_WithoutTheAnswers()
    {
        var response = await CreateIdentityAsync(new
        {
            username = "profile.api", password = "Profile-password-1", telephoneNumber = "+44 20 7946 0000",
            preferences = new { marketing = true, updates = false },
            customAttributes = new { country = "UK", employeeNumber = "E-42" },
            kbaInfo = new object[] { new { questionId = "1", answer = "Blue" }, new { customQuestion = "First pet?", answer = "Rex" } },
            termsAccepted = new { termsVersion = "3", acceptDate = "2026-03-04T05:06:07Z" },
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var read = await ReadJsonAsync(await _admin.GetAsync("/admin/api/identities/profile.api"));
        Assert.Equal("+44 20 7946 0000", read.GetProperty("telephoneNumber").GetString());
        Assert.Equal("""{"marketing":true,"updates":false}""", read.GetProperty("preferences").GetRawText());
        Assert.Equal("""{"country":"UK","employeeNumber":"E-42"}""", read.GetProperty("customAttributes").GetRawText());
        Assert.Equal("""[{"questionId":"1"},{"customQuestion":"First pet?"}]""", read.GetProperty("kbaInfo").GetRawText());
        Assert.Equal("3", read.GetProperty("termsAccepted").GetProperty("termsVersion").GetString());
        Assert.Equal(DateTimeOffset.Parse("2026-03-04T05:06:07Z"), read.GetProperty("termsAccepted").GetProperty("acceptDate").GetDateTimeOffset());
        Assert.Equal("active", read.GetProperty("accountStatus").GetString());
        Assert.Equal(0, read.GetProperty("loginCount").GetInt32());
        Assert.Equal(JsonValueKind.Null, read.GetProperty("lastLogin").ValueKind);
        Assert.False(string.IsNullOrEmpty(read.GetProperty("_id").GetString()));
        Assert.DoesNotContain("Blue", read.GetRawText());
        Assert.DoesNotContain("Rex", read.GetRawText());
        // The fields everyone had before stay as they were.
        Assert.True(read.GetProperty("active").GetBoolean());
        Assert.False(read.GetProperty("locked").GetBoolean());
    }

    [Fact]
    public async Task UpdateIdentity_ChangesProfileFields_MergesCustomAttributes_AndAccountStatusDisables()
    {
        await CreateIdentityAsync(new { username = "patch.api", password = "Patch-password-1", customAttributes = new { keep = "1", drop = "2" } });

        var response = await _admin.PutAsync("/admin/api/identities/patch.api", Json(JsonSerializer.Serialize(new
        {
            preferences = new { updates = true },
            customAttributes = new Dictionary<string, string?> { ["drop"] = null, ["added"] = "3" },
            accountStatus = "inactive",
        })));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var read = await ReadJsonAsync(response);
        Assert.Equal("""{"marketing":null,"updates":true}""", read.GetProperty("preferences").GetRawText());
        Assert.Equal("""{"added":"3","keep":"1"}""", read.GetProperty("customAttributes").GetRawText());
        Assert.Equal(("inactive", false), (read.GetProperty("accountStatus").GetString(), read.GetProperty("active").GetBoolean()));
        Assert.False((await Identities.GetAsync("patch.api"))!.Active);
    }

    [Theory]
    [InlineData("""{"telephoneNumber": "call me"}""", null, "is not a telephone number")]
    [InlineData("""{"telephoneNumber": 5}""", "$.telephoneNumber", "fields that are not valid")]
    [InlineData("""{"preferences": {"marketing": 1}}""", "$.preferences.marketing", "must be true or false")]
    [InlineData("""{"preferences": {"newsletter": true}}""", "$.preferences.newsletter", "is not a preference")]
    [InlineData("""{"preferences": "yes"}""", "$.preferences", "must be an object")]
    [InlineData("""{"customAttributes": {"1bad": "x"}}""", "$.customAttributes.1bad", "cannot name a custom attribute")]
    [InlineData("""{"customAttributes": {"mail": "x"}}""", "$.customAttributes.mail", "is an identity attribute of its own")]
    [InlineData("""{"customAttributes": {"n": 5}}""", "$.customAttributes.n", "expected a string")]
    [InlineData("""{"customAttributes": []}""", "$.customAttributes", "expected an object")]
    [InlineData("""{"kbaInfo": [{"questionId": "1"}]}""", null, "needs an answer")]
    [InlineData("""{"kbaInfo": [{"questionId": "1", "customQuestion": "q", "answer": "a"}]}""", null, "either a questionId or a customQuestion")]
    [InlineData("""{"kbaInfo": [{"questionId": "1", "answer": "a", "hint": "x"}]}""", "$.kbaInfo.0", "must be an object with questionId")]
    [InlineData("""{"kbaInfo": {"questionId": "1"}}""", "$.kbaInfo", "must be a list")]
    [InlineData("""{"termsAccepted": {"termsVersion": "1", "acceptDate": "yesterday"}}""", "$.termsAccepted.acceptDate", "ISO-8601")]
    [InlineData("""{"termsAccepted": {"termsVersion": "1"}}""", "$.termsAccepted", "must be an object")]
    [InlineData("""{"accountStatus": "locked"}""", "$.accountStatus", "must be 'active' or 'inactive'")]
    [InlineData("""{"accountStatus": "active", "active": false}""", "$.accountStatus", "contradicts")]
    public async Task UpdateIdentity_BadProfileValue_Answers400_AndChangesNothing(string body, string? path, string message)
    {
        await CreateIdentityAsync(new { username = "bad.profile", password = "Bad-password-1", telephoneNumber = "123" });
        var before = await ReadJsonAsync(await _admin.GetAsync("/admin/api/identities/bad.profile"));

        var response = await _admin.PutAsync("/admin/api/identities/bad.profile", Json(body));

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, message);
        if (path is not null)
            Assert.Contains(path, (await ReadJsonAsync(response)).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()));
        var after = await ReadJsonAsync(await _admin.GetAsync("/admin/api/identities/bad.profile"));
        Assert.Equal(before.GetRawText(), after.GetRawText());
    }

    [Fact]
    public async Task CreateIdentity_BadProfileValue_Answers400_AndCreatesNothing()
    {
        var response = await CreateIdentityAsync(new { username = "never.made", password = "Never-password-1", kbaInfo = new[] { new { questionId = "1", answer = " " } } });

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "needs an answer");
        Assert.Null(await Identities.GetAsync("never.made"));
    }
}
