using Bunit;
using JourneyStudio.Runtime.Audit;
using JourneyStudio.Runtime.BruteForce;
using JourneyStudio.Runtime.Devices;
using JourneyStudio.Runtime.Identities;
using JourneyStudio.Web.Tests.BruteForce;
using JourneyStudio.Web.Components.Pages;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyStudio.Web.Tests.Pages;

/// <summary>The Identities page against a real store.</summary>
public sealed class IdentitiesPageTests : StudioPageContext
{


    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Identities.CreateAsync(new NewIdentity("alice", "Alice-password-1", "Alice", "Able", "alice@example.com"));
        await Identities.CreateAsync(new NewIdentity("bob", "Bob-password-1", "Bob", "Baker"));
    }

    private IRenderedComponent<IComponent> RenderIdentities()
    {
        var cut = RenderPage<Identities>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=identity-row]").Count));
        return cut;
    }

    private static AngleSharp.Dom.IElement Row(IRenderedComponent<IComponent> cut, string username) =>
        cut.Find($"[data-testid=identity-row][data-username='{username}']").ParentElement!;

    private static void Confirm(IRenderedComponent<IComponent> cut, string button)
    {
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".mud-dialog")));
        cut.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == button).Click();
    }

    [Fact]
    public void Search_ShowsOnlyMatchingUsers()
    {
        var cut = RenderIdentities();

        cut.Find("input[data-testid=identity-search]").Input("baker");

        cut.WaitForAssertion(() => Assert.Equal(["bob"], cut.FindAll("[data-testid=identity-row]").Select(r => r.GetAttribute("data-username"))));
    }

    [Fact]
    public async Task Create_WithAShortPassword_ShowsTheRule_ThenCreatesWithAGoodOne()
    {
        var cut = RenderIdentities();

        cut.Find("[data-testid=new-identity]").Click();
        cut.WaitForElement("input[data-testid=identity-username]").Change("carol");
        cut.Find("input[data-testid=identity-password]").Change("short");
        cut.Find("[data-testid=save-identity]").Click();
        cut.WaitForAssertion(() => Assert.Contains($"at least {IdentityRules.MinPasswordLength} characters", cut.Find("[data-testid=identity-error]").TextContent));
        cut.Find("input[data-testid=identity-password]").Change("Carol-password-1");
        cut.Find("[data-testid=save-identity]").Click();

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=identity-row]").Count));
        Assert.True(await Identities.VerifyPasswordAsync("carol", "Carol-password-1"));
    }

    [Fact]
    public async Task Edit_ChangesMailAndSetsANewPassword()
    {
        var cut = RenderIdentities();

        Row(cut, "bob").QuerySelector("[data-testid=edit-identity]")!.Click();
        cut.WaitForElement("input[data-testid=identity-mail]").Change("bob@example.com");
        cut.Find("input[data-testid=identity-password]").Change("Bob-password-2");
        cut.Find("[data-testid=save-identity]").Click();

        cut.WaitForAssertion(() => Assert.Contains("bob@example.com", Row(cut, "bob").TextContent));
        Assert.True(await Identities.VerifyPasswordAsync("bob", "Bob-password-2"));
        Assert.Equal("changed mail, password", Assert.Single(await AuditAsync("bob")).Detail);
        Assert.Equal("Baker", (await Identities.GetAsync("bob"))!.Sn);
    }

    [Fact]
    public async Task ToggleActive_DisablesTheUser()
    {
        var cut = RenderIdentities();

        Row(cut, "alice").QuerySelector("[data-testid=toggle-active]")!.Click();

        cut.WaitForAssertion(() => Assert.Equal("Disabled", Row(cut, "alice").QuerySelector("[data-testid=identity-state]")!.TextContent.Trim()));
        Assert.False((await Identities.GetAsync("alice"))!.Active);
        var entry = Assert.Single(await AuditAsync("alice"));
        Assert.Equal(("identity.update", AdminName, "studio", "changed active (disabled)"), (entry.Action, entry.Actor, entry.Channel, entry.Detail));
    }

    [Fact]
    public async Task ResetDevices_AfterConfirmation_RemovesDevicesAndSkipChoices()
    {
        var devices = Services.GetRequiredService<DeviceStore>();
        await devices.AddAsync(new MfaDevice { Username = "alice", Kind = DeviceKind.Oath, Uuid = Guid.NewGuid().ToString(), ProtectedSecret = "x" });
        await Identities.SetSkipAsync("alice", MfaMethod.Oath, MfaSkipState.Skippable);
        var cut = RenderIdentities();

        Row(cut, "alice").QuerySelector("[data-testid=reset-devices]")!.Click();
        Confirm(cut, "Reset");

        cut.WaitForAssertion(() => Assert.Empty(devices.ListAsync("alice").GetAwaiter().GetResult()));
        Assert.Equal(MfaSkipState.NotSet, (await Identities.GetAsync("alice"))!.OathSkip);
    }

    [Fact]
    public async Task Delete_AfterConfirmation_RemovesTheUser()
    {
        var cut = RenderIdentities();

        Row(cut, "bob").QuerySelector("[data-testid=delete-identity]")!.Click();
        Confirm(cut, "Delete");

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=identity-row]")));
        Assert.Null(await Identities.GetAsync("bob"));
    }

    [Fact]
    public async Task ALockedUser_ShowsLockedUntil_AndUnlockEndsTheLockout_AsAnAuditedAction()
    {
        var guard = Services.GetRequiredService<ICredentialGuard>();
        for (var i = 0; i < 10; i++)
            await guard.CheckAsync(new CredentialAttempt(CredentialAudience.EndUser, CredentialKind.Password, "alice", "192.0.2.1"), _ => Task.FromResult(false));
        var until = (await Services.GetRequiredService<JourneyStudio.Runtime.Administration.AccountLockoutService>().LockedUntilAsync("alice"))!.Value;
        var cut = RenderIdentities();

        var chip = Row(cut, "alice").QuerySelector("[data-testid=identity-locked]")!;
        Assert.Equal($"Locked until {until.UtcDateTime:HH:mm} UTC", chip.TextContent.Trim());
        Assert.Null(Row(cut, "bob").QuerySelector("[data-testid=identity-locked]"));
        Assert.Null(Row(cut, "bob").QuerySelector("[data-testid=unlock-identity]"));

        Row(cut, "alice").QuerySelector("[data-testid=unlock-identity]")!.Click();

        cut.WaitForAssertion(() => Assert.Null(Row(cut, "alice").QuerySelector("[data-testid=identity-locked]")));
        Assert.False(await Services.GetRequiredService<IAccountLockout>().IsLockedAsync("alice"));
        var entry = Assert.Single(await AuditAsync("alice"), e => e.Action == AuditActions.IdentityUnlock);
        Assert.Equal(("alice", "studio"), (entry.Target, entry.Channel));
    }
}

/// <summary>The profile fields of the Identities page's dialog and table.</summary>
public sealed class IdentitiesPageProfileTests : StudioPageContext
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Identities.CreateAsync(new NewIdentity("dora", "Dora-password-1", "Dora", "Day")
        {
            Profile = new IdentityProfileChanges
            {
                CustomAttributes = new Dictionary<string, string?> { ["country"] = "NL" },
                KbaInfo = [new KbaAnswerInput("1", null, "Blue")],
                TermsAccepted = new TermsAcceptance("2.1", new DateTimeOffset(2026, 5, 6, 7, 8, 0, TimeSpan.Zero)),
            },
        });
    }

    private IRenderedComponent<IComponent> Render()
    {
        var cut = RenderPage<Identities>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=identity-row]")));
        return cut;
    }

    [Fact]
    public async Task Edit_ShowsTheProfile_AndSavesTelephoneAndCustomAttributes_AndRemovesTheQuestions()
    {
        var cut = Render();

        cut.Find("[data-testid=edit-identity]").Click();
        var facts = cut.WaitForElement("[data-testid=identity-profile-facts]").TextContent;
        Assert.Contains("Logins: 0", facts);
        Assert.Contains("version 2.1 accepted 2026-05-06 07:08 UTC", facts);
        Assert.Contains("What's your favorite color?", facts);
        Assert.Equal("country=NL", cut.Find("textarea[data-testid=identity-custom]").GetAttribute("value") ?? cut.Find("textarea[data-testid=identity-custom]").TextContent);
        cut.Find("input[data-testid=identity-telephone]").Change("+31 20 555 0100");
        cut.Find("textarea[data-testid=identity-custom]").Change("country=BE\nteam=blue");
        cut.Find("input[data-testid=identity-clear-kba]").Change(true);
        cut.Find("[data-testid=save-identity]").Click();

        cut.WaitForAssertion(() => Assert.Equal("+31 20 555 0100", cut.Find("[data-testid=identity-telephone-cell]").TextContent.Trim()));
        var profile = (await Identities.GetAsync("dora"))!.Profile;
        Assert.Equal(new Dictionary<string, string> { ["country"] = "BE", ["team"] = "blue" }, profile.CustomAttributes);
        Assert.Empty(profile.KbaQuestions);
        Assert.Equal("changed telephoneNumber, country, team, kbaInfo", Assert.Single(await AuditAsync("dora")).Detail);
    }

    [Fact]
    public async Task Edit_ABadTelephoneOrCustomLine_ShowsTheRule_AndSavesNothing()
    {
        var cut = Render();

        cut.Find("[data-testid=edit-identity]").Click();
        cut.WaitForElement("input[data-testid=identity-telephone]").Change("call me");
        cut.Find("[data-testid=save-identity]").Click();
        cut.WaitForAssertion(() => Assert.Contains("is not a telephone number", cut.Find("[data-testid=identity-error]").TextContent));
        cut.Find("input[data-testid=identity-telephone]").Change("");
        cut.Find("textarea[data-testid=identity-custom]").Change("no equals sign");
        cut.Find("[data-testid=save-identity]").Click();
        cut.WaitForAssertion(() => Assert.Contains("line 1: write name=value", cut.Find("[data-testid=identity-error]").TextContent));

        Assert.Equal("", (await Identities.GetAsync("dora"))!.Profile.TelephoneNumber);
        Assert.DoesNotContain(await AuditAsync("dora"), e => e.Succeeded);
    }
}
