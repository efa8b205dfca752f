using Bunit;
using JourneyStudio.Runtime.Audit;
using JourneyStudio.Web.Components.Pages;
using JourneyStudio.Web.Tests.EndToEnd;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyStudio.Web.Tests.Pages;

/// <summary>The Audit log page against the real audit log on a SQLite file, with a clock the tests move.</summary>
public sealed class AuditLogPageTests : StudioPageContext
{
    private readonly AdjustableClock _clock = new();

    public AuditLogPageTests() => Services.AddSingleton<TimeProvider>(_clock);

    private DatabaseAuditLog Log => Services.GetRequiredService<DatabaseAuditLog>();

    private async Task RecordAsync(string action, string actor, string? target, bool succeeded = true, int? before = null, int? after = null,
        string? detail = null)
    {
        await Log.RecordAsync(new AuditEvent
        {
            Action = action, Actor = actor, Target = target, Succeeded = succeeded, Channel = AuditChannels.Api, RemoteAddress = "192.0.2.4",
            RevisionBefore = before, RevisionAfter = after, Detail = detail,
        });
        _clock.Advance(TimeSpan.FromMinutes(1));
    }

    private static IReadOnlyList<(string? Action, string Actor, string Target)> Rows(IRenderedComponent<IComponent> cut) =>
        cut.FindAll("[data-testid=audit-row]").Select(row => row.ParentElement!).Select(tr => (
            tr.QuerySelector("[data-testid=audit-row]")!.GetAttribute("data-action"),
            tr.QuerySelector("[data-testid=audit-actor-name]")!.TextContent.Trim(),
            tr.QuerySelector("[data-testid=audit-target-name]")!.TextContent.Trim())).ToList();

    private async Task<IRenderedComponent<IComponent>> RenderWithAsync()
    {
        await RecordAsync(AuditActions.JourneyCreate, "ann", "Login", after: 1, detail: "created");
        await RecordAsync(AuditActions.JourneySave, "bob", "Login", before: 1, after: 2, detail: "description changed");
        await RecordAsync(AuditActions.IdentityDelete, "ann", "carol", succeeded: false, detail: "refused: there is no such user");
        var cut = RenderPage<AuditLog>();
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=audit-row]").Count));
        return cut;
    }

    [Fact]
    public async Task List_ShowsNewestFirst_WithRevisionsResultAddressAndDetail()
    {
        var cut = await RenderWithAsync();

        Assert.Equal([(AuditActions.IdentityDelete, "ann", "carol"), (AuditActions.JourneySave, "bob", "Login"), (AuditActions.JourneyCreate, "ann", "Login")],
            Rows(cut));
        var save = cut.FindAll("[data-testid=audit-row]")[1].ParentElement!;
        Assert.Contains("1 → 2", save.TextContent);
        Assert.Contains("192.0.2.4", save.TextContent);
        Assert.Equal("description changed", save.QuerySelector("[data-testid=audit-detail]")!.TextContent.Trim());
        Assert.Equal("Done", save.QuerySelector("[data-testid=audit-result]")!.TextContent.Trim());
        Assert.Equal("Refused", cut.FindAll("[data-testid=audit-row]")[0].ParentElement!.QuerySelector("[data-testid=audit-result]")!.TextContent.Trim());
    }

    [Fact]
    public async Task FailuresOnly_ShowsOnlyRefusedAttempts()
    {
        var cut = await RenderWithAsync();

        cut.FindAll(".mud-switch").Single(s => s.TextContent.Contains("Failures only")).QuerySelector("input")!.Change(true);

        cut.WaitForAssertion(() => Assert.Equal([(AuditActions.IdentityDelete, "ann", "carol")], Rows(cut)));
    }

    [Fact]
    public async Task ActorAndTargetFilters_MatchWholeNamesWithoutRegardToCase()
    {
        var cut = await RenderWithAsync();

        // The fields wait for a pause in typing before they filter.
        cut.Find("input[data-testid=audit-actor]").Input("ANN");
        cut.WaitForAssertion(() => Assert.Equal(2, Rows(cut).Count), TimeSpan.FromSeconds(5));
        cut.Find("input[data-testid=audit-target]").Input("login");

        cut.WaitForAssertion(() => Assert.Equal([(AuditActions.JourneyCreate, "ann", "Login")], Rows(cut)), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task ActionFilter_OfAFamily_ShowsEveryActionOfIt()
    {
        var cut = await RenderWithAsync();

        cut.Find("[data-testid=audit-filters] .mud-select .mud-input-control").MouseDown();
        cut.WaitForElement(".mud-popover-open");
        cut.FindAll(".mud-popover-open .mud-list-item").Single(i => i.TextContent.Trim().StartsWith("journey.*")).Click();

        cut.WaitForAssertion(() => Assert.Equal([AuditActions.JourneySave, AuditActions.JourneyCreate], Rows(cut).Select(r => r.Action)));
    }

    [Fact]
    public async Task Pager_ShowsTheOlderEntriesOnTheNextPage()
    {
        for (var i = 1; i <= 27; i++)
            await RecordAsync(AuditActions.JourneySave, "ann", $"Journey {i:00}");
        var cut = RenderPage<AuditLog>();
        cut.WaitForAssertion(() => Assert.Equal(25, cut.FindAll("[data-testid=audit-row]").Count));
        Assert.Equal("Journey 27", Rows(cut)[0].Target);

        cut.Find("[data-testid=audit-pager] button[aria-label='Next page']").Click();

        cut.WaitForAssertion(() => Assert.Equal(["Journey 02", "Journey 01"], Rows(cut).Select(r => r.Target)));
    }

    [Fact]
    public void EmptyLog_SaysSo()
    {
        var cut = RenderPage<AuditLog>();

        cut.WaitForAssertion(() => Assert.Contains("Nothing has been recorded yet.", cut.Markup));
    }
}
