using Bunit;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Web.Designer;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyStudio.Web.Tests.Designer;

/// <summary>
/// The designer's Publish as an admin meets it: the dialog listing errors (nothing published), the question asked with
/// warnings, the refusal of a draft whose journey test fails (naming the scenario), and a draft someone replaced meanwhile.
/// </summary>
public sealed class DraftPublisherTests : DesignerServicesContext
{
    private DraftPublisher Publisher => Services.GetRequiredService<DraftPublisher>();

    private Task<int?> PublishAsync(string name, int draft = 2, int live = 1) =>
        OnPage(() => Publisher.PublishAsync(name, draft, live, f => f.NodeId is null ? "Journey:" : f.NodeId + ":"));

    [Fact]
    public async Task DraftWithErrors_IsRefused_WithTheErrorsListed_AndTheLiveRevisionStays()
    {
        const string name = "Publish errors";
        // The draft sends true to a Push Sender whose outcomes go nowhere.
        var live = Small(name);
        var draft = Small(name, trueTo: "push") with
        {
            Nodes = [.. Small(name, trueTo: "push").Nodes, TestJourneys.Node(Journeys.Catalog.NodeTypeIds.PushSender, "push", 500, 150)],
        };
        await LiveAndDraftAsync(live, draft);

        Assert.Null(await PublishAsync(name));

        Providers.WaitForAssertion(() => Assert.StartsWith("Draft revision 2 has 3 errors; end users keep revision 1.",
            Providers.Find("[data-testid=publish-intro]").TextContent));
        var errors = Providers.FindAll("[data-testid=publish-finding][data-severity=Error]");
        Assert.Equal(3, errors.Count); // the Push Sender's outcomes, wired nowhere
        Assert.All(errors, e => Assert.Contains("push:", e.TextContent));
        Assert.Empty(Providers.FindAll("[data-testid=publish-confirm]"));
        Providers.Find("[data-testid=publish-close]").Click();
        Providers.WaitForAssertion(() => Assert.Empty(Providers.FindAll("[data-testid=publish-dialog]")));
        var stored = (await Store.GetAsync(name))!;
        Assert.Equal(1, stored.Revision);
        Assert.Null(stored.Journey.FindNode("push"));
    }

    [Fact]
    public async Task DraftWithWarnings_AsksFirst_CancelPublishesNothing_ConfirmMakesItLive()
    {
        const string name = "Publish warnings";
        // No path reaches Success: a warning.
        await LiveAndDraftAsync(Small(name), Small(name, trueTo: StaticNodeIds.Failure));

        var cancelled = PublishAsync(name);
        Providers.WaitForAssertion(() => Assert.Equal("Draft revision 2 has 1 warning. Publish it anyway?",
            Providers.Find("[data-testid=publish-intro]").TextContent.Trim()));
        Assert.Contains("Success", Providers.Find("[data-testid=publish-finding][data-severity=Warning]").TextContent);
        Providers.Find("[data-testid=publish-cancel]").Click();
        Assert.Null(await cancelled);
        Assert.Equal(1, (await Store.GetAsync(name))!.Revision);

        var confirmed = PublishAsync(name);
        Providers.WaitForElement("[data-testid=publish-confirm]").Click();
        Assert.Equal(2, await confirmed);
        Assert.Equal(2, (await Store.GetAsync(name))!.Revision);
        Assert.Contains("Revision 2 is live.", Notices);
    }

    [Fact]
    public async Task DraftWhoseJourneyTestFails_IsRefused_NamingTheScenario_AndTheLiveRevisionStays()
    {
        const string name = "Publish failing test";
        // Live: Start → Success, and its scenario passes. The draft sends Start to Failure, so the scenario fails.
        await LiveAndDraftAsync(StraightTo(name, StaticNodeIds.Success, "Signs on"), StraightTo(name, StaticNodeIds.Failure, "Signs on"));

        Assert.Null(await PublishAsync(name));

        Providers.WaitForAssertion(() => Assert.StartsWith("Draft revision 2 has 1 error; end users keep revision 1.",
            Providers.Find("[data-testid=publish-intro]").TextContent));
        var failing = Providers.Find("[data-testid=publish-finding][data-severity=Error]").TextContent;
        Assert.Contains("Test \"Signs on\" fails", failing);
        Assert.Contains("Expected Success, but the journey ended in Failure", failing);
        Assert.Equal(1, (await Store.GetAsync(name))!.Revision);
        Assert.Equal(StaticNodeIds.Success, (await Store.GetAsync(name))!.Journey.EntryNodeId);
    }

    [Fact]
    public async Task DraftReplacedBySomeoneElse_WhileTheAdminConfirms_IsNotPublished()
    {
        const string name = "Publish stale";
        await LiveAndDraftAsync(Small(name), Small(name, trueTo: StaticNodeIds.Failure));

        var publishing = PublishAsync(name);
        var confirm = Providers.WaitForElement("[data-testid=publish-confirm]");
        // Meanwhile another admin saves draft 3: what the first admin confirms (draft 2) is no longer the draft.
        Assert.IsType<SaveResult.Saved>(await Store.SaveDraftAsync(Small(name, trueTo: StaticNodeIds.Failure) with { Description = "theirs" }, 2, "other"));
        confirm.Click();

        Assert.Null(await publishing);
        Assert.Contains("Revision 2 is no longer the draft; someone saved or published meanwhile. Reload the journey.", Notices);
        Assert.Equal(1, (await Store.GetAsync(name))!.Revision);
    }

    [Fact]
    public async Task RevisionThatIsNoLongerTheDraft_IsNotPublished()
    {
        const string name = "Publish old draft";
        await LiveAndDraftAsync(Small(name), Small(name, trueTo: StaticNodeIds.Failure));
        Assert.IsType<SaveResult.Saved>(await Store.SaveDraftAsync(Small(name), 2, "other"));

        Assert.Null(await PublishAsync(name, draft: 2));

        Assert.Contains("Revision 2 is no longer the draft; someone saved or published meanwhile. Reload the journey.", Notices);
        Assert.Empty(Providers.FindAll("[data-testid=publish-dialog]"));
        Assert.Equal(1, (await Store.GetAsync(name))!.Revision);
    }
}
