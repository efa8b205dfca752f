using System.Net;
using JourneyStudio.Runtime.Identities;
using JourneyStudio.Testing;
using Microsoft.Extensions.DependencyInjection;
using static JourneyStudio.Web.Tests.Admin.AdminApiFixture;

namespace JourneyStudio.Web.Tests.Admin;

/// <summary>
/// Admin authentication knows only admins: an end user's correct password is as wrong as any other, in the
/// same answer and for the same work, so the admin API tells nobody whether an end user's password is right.
/// </summary>
public sealed partial class AdminApiTests
{
    private BoundedPasswordHasher Hasher => fixture.Server.Services.GetRequiredService<BoundedPasswordHasher>();

    [Fact]
    public async Task EndUsersCorrectPassword_GetsExactlyTheAnswerOfAWrongOne()
    {
        var correct = await fixture.WithBasic(EndUser, EndUserPassword).GetAsync("/admin/api/journeys");
        var wrong = await fixture.WithBasic(EndUser, "Not-the-password-1").GetAsync("/admin/api/journeys");
        var unknown = await fixture.WithBasic("nobody.at.all", EndUserPassword).GetAsync("/admin/api/journeys");
        var wrongAdmin = await fixture.WithBasic(StudioServer.AdminUsername, "Not-the-password-1").GetAsync("/admin/api/journeys");

        Assert.Equal(HttpStatusCode.Unauthorized, correct.StatusCode);
        var expected = await ResponseWireForm.OfAsync(wrong);
        Assert.Equal(expected, await ResponseWireForm.OfAsync(correct));
        Assert.Equal(expected, await ResponseWireForm.OfAsync(unknown));
        Assert.Equal(expected, await ResponseWireForm.OfAsync(wrongAdmin));
    }

    [Theory]
    [InlineData(EndUser, EndUserPassword)]              // an end user's real credentials: admins only are consulted
    [InlineData("nobody.at.all", "Some-password-1")]   // unknown everywhere: the unknown-user hash stands in
    [InlineData(StudioServer.AdminUsername, "Not-the-password-1")]
    public async Task EveryBasicSignIn_CostsExactlyOnePasswordHash(string username, string password)
    {
        var before = Hasher.VerificationCount;

        var response = await fixture.WithBasic(username, password).GetAsync("/admin/api/journeys");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        // One hash, like a known admin with a wrong password: the time taken does not tell who exists.
        Assert.Equal(1, Hasher.VerificationCount - before);
    }
}
