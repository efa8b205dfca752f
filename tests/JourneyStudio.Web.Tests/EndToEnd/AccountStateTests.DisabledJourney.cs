using JourneyStudio.Runtime.Audit;
using System.Net;
using JourneyStudio.Runtime.Administration;
using JourneyStudio.Testing;
using JourneyStudio.Web.Tests.Api;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyStudio.Web.Tests.EndToEnd;

/// <summary>Item 5: disabling a journey stops its sign-ons in progress, by the journey's setting now.</summary>
public abstract partial class AccountStateTests
{
    [Fact]
    public async Task DisablingAJourney_StopsItsSignOnsInProgressAtTheNextStep_UntilItIsEnabledAgain()
    {
        var journey = "Test Disabled Midway " + Guid.NewGuid().ToString("N")[..6];
        await SignOnJourneys.CreateAsync(host.Server, SignOnJourneys.PlainJourney(journey));
        var user = await host.CreateUserAsync("as-journey");
        var admin = host.Server.Services.GetRequiredService<JourneyAdminService>();
        using var client = new AmClient(host.Server);
        var first = await client.StartAsync(journey);
        var name = AmClient.Fill(first.Body, user);

        // As the Journeys page's switch does it: a new revision, while this sign-on stays pinned to revision 1.
        await admin.SetEnabledAsync(journey, false, AuditActor.Api("tests", null));
        var refused = await client.SubmitAsync(name, journey);

        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Equal($$"""{"code":403,"reason":"Forbidden","message":"Journey '{{journey}}' is disabled."}""", refused.Text);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.StartAsync(journey)).Status);

        await admin.SetEnabledAsync(journey, true, AuditActor.Api("tests", null));
        var password = await client.SubmitAsync(name, journey);
        Assert.Equal(HttpStatusCode.OK, password.Status);
        var success = await client.SubmitAsync(AmClient.Fill(password.Body, EndToEndServer.Password), journey);
        Assert.NotNull(success.Body["tokenId"]);
    }
}
