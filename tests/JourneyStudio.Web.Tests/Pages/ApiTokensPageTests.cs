using JourneyStudio.Runtime.Audit;
using Bunit;
using JourneyStudio.Runtime.ApiTokens;
using JourneyStudio.Web.Components.Pages;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyStudio.Web.Tests.Pages;

/// <summary>The API tokens page and its creation dialog against a real token store.</summary>
public sealed class ApiTokensPageTests : StudioPageContext
{
    private static readonly AuditActor Setup = new("setup", "studio");

    public ApiTokensPageTests()
    {
        Services.AddJourneyStudioAdminApiTokens();
        AddAuthorization().SetAuthorized("page-admin");
    }

    private AdminApiTokenStore Tokens => Services.GetRequiredService<AdminApiTokenStore>();

    private IRenderedComponent<IComponent> RenderTokens(int expectedRows)
    {
        var cut = RenderPage<ApiTokens>();
        cut.WaitForAssertion(() => Assert.Equal(expectedRows, cut.FindAll("[data-testid=api-token-row]").Count));
        return cut;
    }

    private static AngleSharp.Dom.IElement Row(IRenderedComponent<IComponent> cut, string name) =>
        cut.Find($"[data-testid=api-token-row][data-name='{name}']").ParentElement!;

    [Fact]
    public async Task List_ShowsStateCreatorExpiryAndLastUse()
    {
        await Tokens.CreateAsync("nightly", new DateTimeOffset(2099, 1, 2, 3, 4, 0, TimeSpan.Zero), Setup);

        var cut = RenderTokens(1);

        var row = Row(cut, "nightly");
        Assert.Equal("Active", row.QuerySelector("[data-testid=api-token-state]")!.TextContent.Trim());
        Assert.Contains("by setup", row.TextContent);
        Assert.Contains("2099-01-02 03:04 UTC", row.TextContent);
        Assert.Equal("never", row.QuerySelector("[data-testid=api-token-last-used]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Create_ShowsTheTokenOnce_CopiesIt_AndListsItWithoutIt()
    {
        var cut = RenderTokens(0);

        cut.Find("[data-testid=new-api-token]").Click();
        cut.WaitForElement("input[data-testid=api-token-name]").Input("release");
        cut.Find("[data-testid=create-api-token]").Click();
        var token = cut.WaitForElement("input[data-testid=api-token-value]").GetAttribute("value")!;
        cut.Find("[data-testid=copy-api-token]").Click();
        cut.WaitForAssertion(() => FilesModule.VerifyInvoke("copyText"));
        cut.Find("[data-testid=close-api-token]").Click();

        Assert.True(AdminApiTokenRules.HasTokenShape(token), token);
        Assert.Equal(token, FilesModule.Invocations["copyText"].Single().Arguments[0]);
        cut.WaitForAssertion(() => Assert.Contains("by page-admin", Row(cut, "release").TextContent));
        Assert.DoesNotContain(token, cut.Markup);
        Assert.IsType<AdminApiTokenCheck.Valid>(await Tokens.AuthenticateAsync(token));
    }

    [Fact]
    public async Task Create_WithTheNameOfALiveToken_SaysSoAndCreatesNothing()
    {
        await Tokens.CreateAsync("taken", null, Setup);
        var cut = RenderTokens(1);

        cut.Find("[data-testid=new-api-token]").Click();
        cut.WaitForElement("input[data-testid=api-token-name]").Input("Taken");
        cut.Find("[data-testid=create-api-token]").Click();

        cut.WaitForAssertion(() => Assert.Contains("already has this name", cut.Find(".mud-dialog").TextContent));
        Assert.Empty(cut.FindAll("input[data-testid=api-token-value]"));
        Assert.Single(await Tokens.ListAsync());
    }

    [Fact]
    public async Task Revoke_AsksFirst_ThenRevokes()
    {
        var created = Assert.IsType<AdminApiTokenCreateResult.Created>(await Tokens.CreateAsync("doomed", null, Setup));
        var cut = RenderTokens(1);

        Row(cut, "doomed").QuerySelector("[data-testid=revoke-api-token]")!.Click();
        cut.WaitForAssertion(() => Assert.Contains("cannot be undone", cut.Find(".mud-dialog").TextContent));
        cut.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Cancel").Click();
        Assert.IsType<AdminApiTokenCheck.Valid>(await Tokens.AuthenticateAsync(created.Token));
        Row(cut, "doomed").QuerySelector("[data-testid=revoke-api-token]")!.Click();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".mud-dialog")));
        cut.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Revoke").Click();

        cut.WaitForAssertion(() => Assert.Contains("Revoked", Row(cut, "doomed").QuerySelector("[data-testid=api-token-state]")!.TextContent));
        Assert.Null(Row(cut, "doomed").QuerySelector("[data-testid=revoke-api-token]"));
        Assert.Equal(new AdminApiTokenCheck.Rejected(AdminApiTokenRejection.Revoked, "doomed"), await Tokens.AuthenticateAsync(created.Token));
    }
}
