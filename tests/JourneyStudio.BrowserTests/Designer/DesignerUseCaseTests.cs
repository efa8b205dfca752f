using JourneyStudio.BrowserTests.Infrastructure;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Journeys.Validation;
using JourneyStudio.Runtime.Identities;
using JourneyStudio.Runtime.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace JourneyStudio.BrowserTests.Designer;

/// <summary>
/// The product's promise in one run: the use-case journey of seed 002 ("Login with Push MFA") built on an empty
/// canvas with the mouse only, saved, and signed on through its preview URL in a fresh browser with the
/// virtual authenticator standing in for the phone.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DesignerUseCaseTests(BrowserFixture fixture)
{
    private const string Password = "Use-case-password-1";

    [Fact]
    public async Task PushMfaJourney_BuiltFromAnEmptyCanvas_SignsOnThroughItsPreviewUrl()
    {
        // An empty journey whose Start, Success and Failure frame the area the nodes are dropped into.
        var name = DesignerTestJourneys.UniqueName("usecase");
        var store = fixture.Server.Services.GetRequiredService<JourneyStore>();
        Assert.IsType<SaveResult.Saved>(await store.CreateAsync(new Journey
        {
            Name = name,
            StartPosition = new NodePosition(0, 250),
            SuccessPosition = new NodePosition(1640, 100),
            FailurePosition = new NodePosition(1640, 500),
        }, "test"));
        var admin = await fixture.NewAdminPageAsync();
        // Room for the whole journey at about 100 % zoom, so every port is large enough to grab.
        await admin.SetViewportSizeAsync(2400, 1400);
        var designer = await DesignerPage.OpenAsync(admin, name);

        // Page node with the two platform inputs, then the push part of the journey, in three rows; columns 300 px
        // apart, so that nodes sized to their titles (Recovery Code Collector Decision is about 270 px) never cover a port.
        var page = await DropAsync(designer, NodeTypeIds.PageNode, 160, 40);
        await designer.DropFromPaletteOntoAsync(NodeTypeIds.PlatformUsername, designer.Node(page));
        await Assertions.Expect(designer.Node(page).Locator("[data-testid=page-child]")).ToHaveCountAsync(1);
        await designer.DropFromPaletteOntoAsync(NodeTypeIds.PlatformPassword, designer.Node(page));
        await Assertions.Expect(designer.Node(page).Locator("[data-testid=page-child]")).ToHaveCountAsync(2);
        var dataStore = await DropAsync(designer, NodeTypeIds.DataStoreDecision, 460, 40);
        var sender = await DropAsync(designer, NodeTypeIds.PushSender, 760, 40);
        var wait = await DropAsync(designer, NodeTypeIds.PushWait, 1060, 40);
        var getApp = await DropAsync(designer, NodeTypeIds.GetAuthenticatorApp, 460, 330);
        var registration = await DropAsync(designer, NodeTypeIds.PushRegistration, 760, 330);
        var display = await DropAsync(designer, NodeTypeIds.RecoveryCodeDisplay, 1060, 330);
        var verifier = await DropAsync(designer, NodeTypeIds.PushResultVerifier, 1360, 330);
        var collector = await DropAsync(designer, NodeTypeIds.RecoveryCodeCollectorDecision, 760, 620);
        var retry = await DropAsync(designer, NodeTypeIds.RetryLimitDecision, 1160, 620);

        // The use case's push is mandatory: its Skipped outcome goes away in the property panel.
        await designer.Node(sender).Locator(".jn-title").ClickAsync();
        await designer.Page.Locator("[data-testid=prop-mandatory]").CheckAsync();
        await Assertions.Expect(designer.OutcomePort(sender, "SKIPPED")).ToHaveCountAsync(0);

        const string success = StaticNodeIds.Success, failure = StaticNodeIds.Failure;
        (string From, string Outcome, string To)[] wiring =
        [
            (StaticNodeIds.Start, "start", page),
            (page, "outcome", dataStore),
            (dataStore, "true", sender), (dataStore, "false", failure),
            (sender, "SENT", wait), (sender, "NOT_REGISTERED", getApp),
            (wait, "DONE", verifier), (wait, "EXITED", collector),
            (verifier, "TRUE", success), (verifier, "FALSE", failure), (verifier, "EXPIRED", sender), (verifier, "WAITING", wait),
            (getApp, "outcome", registration),
            (registration, "successOutcome", display), (registration, "failureOutcome", failure), (registration, "timeoutOutcome", getApp),
            (display, "outcome", sender),
            (collector, "true", success), (collector, "false", retry),
            (retry, "Retry", collector), (retry, "Reject", failure),
        ];
        foreach (var (from, outcome, to) in wiring)
            await designer.ConnectAsync(from, outcome, to);
        await Assertions.Expect(designer.Page.Locator(".diagram-link")).ToHaveCountAsync(wiring.Length);
        await Assertions.Expect(designer.Page.GetByTestId("findings")).ToContainTextAsync("No problems found.");
        await designer.ScreenshotAsync("designer-use-case-built");
        // Save stores a draft, which the preview URL does not run; Publish makes it live.
        await designer.Page.Keyboard.PressAsync("Control+s");
        await Assertions.Expect(designer.Page.Locator("[data-testid=unsaved-chip]")).ToHaveCountAsync(0);
        Assert.Equal(1, (await store.GetAsync(name))!.Revision);
        await designer.Page.GetByTestId("publish").ClickAsync();
        await Assertions.Expect(designer.Page.GetByTestId("journey-editor")).ToHaveAttributeAsync("data-live-revision", "2");

        var saved = (await store.GetAsync(name))!.Journey;
        Assert.Equal(page, saved.EntryNodeId);
        Assert.Equal([NodeTypeIds.PlatformUsername, NodeTypeIds.PlatformPassword], saved.FindNode(page)!.Children.Select(c => c.NodeType));
        foreach (var (from, outcome, to) in wiring.Where(w => w.From != StaticNodeIds.Start))
            Assert.Equal(to, saved.FindNode(from)!.Connections[outcome]);
        Assert.DoesNotContain(JourneyValidator.Validate(saved, NodeCatalog.Default, _ => null),
            finding => finding.Severity == FindingSeverity.Error);

        await SignOnThroughPreviewAsync(name);
    }

    private async Task SignOnThroughPreviewAsync(string journey)
    {
        var username = "usecase-" + Guid.NewGuid().ToString("N")[..8];
        Assert.IsType<IdentityResult.Done>(await fixture.Server.Services.GetRequiredService<IdentityStore>()
            .CreateAsync(new NewIdentity(username, Password, "Uma", "Case", $"{username}@example.com")));
        // A fresh context: no admin cookie, like the incognito window of the use case.
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/login?journey=" + Uri.EscapeDataString(journey));
        await page.Locator("#card input[type=text]").First.FillAsync(username);
        await page.Locator("#card input[type=password]").First.FillAsync(Password);
        await page.Locator("#card button[type=submit]").ClickAsync();

        // No device yet: Get Authenticator App, then the QR step of Push Registration.
        await page.Locator("#card button:enabled").First.ClickAsync();
        var registerLink = page.GetByTestId("open-virtual-authenticator");
        await Assertions.Expect(page.GetByTestId("qr-code")).ToBeVisibleAsync();
        var authenticator = await page.Context.RunAndWaitForPageAsync(() => registerLink.ClickAsync());
        await Assertions.Expect(authenticator.GetByTestId("account")).ToContainTextAsync(username);

        await Assertions.Expect(page.GetByTestId("recovery-codes")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();

        // Push Sender's default push: approve it on the device.
        var approve = authenticator.GetByTestId("notification").First.GetByTestId("approve");
        await approve.ClickAsync(new() { Timeout = 20_000 });
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account", new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("Uma");
    }

    private static async Task<string> DropAsync(DesignerPage designer, string typeId, float x, float y)
    {
        var before = await NodeIdsAsync(designer, typeId);
        await designer.DropFromPaletteAsync(typeId, x, y);
        var nodes = designer.Page.Locator($"[data-testid=journey-node][data-node-type='{typeId}']");
        await Assertions.Expect(nodes).ToHaveCountAsync(before.Count + 1);
        return (await NodeIdsAsync(designer, typeId)).Except(before).Single();
    }

    private static async Task<IReadOnlyList<string>> NodeIdsAsync(DesignerPage designer, string typeId)
    {
        var nodes = designer.Page.Locator($"[data-testid=journey-node][data-node-type='{typeId}']");
        var ids = new List<string>();
        for (var i = 0; i < await nodes.CountAsync(); i++)
            ids.Add((await nodes.Nth(i).GetAttributeAsync("data-node-id"))!);
        return ids;
    }
}
