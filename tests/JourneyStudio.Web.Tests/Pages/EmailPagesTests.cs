using Bunit;
using JourneyStudio.Runtime.Email;
using JourneyStudio.Web.Components.Pages;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyStudio.Web.Tests.Pages;

/// <summary>The Mailbox and Email templates pages against the real stores on SQLite.</summary>
public sealed class EmailPagesTests : StudioPageContext
{
    public EmailPagesTests() => Services.AddJourneyStudioEmail(Configuration);

    private Runtime.Email.Mailbox Box => Services.GetRequiredService<Runtime.Email.Mailbox>();

    private Task<MailboxMessage> PutAsync(string subject, string text, string html) =>
        Box.PutAsync("Studio <no-reply@studio.example>", new EmailMessage("jane@example.com", subject, text, html));

    [Fact]
    public async Task Mailbox_OpenAMessage_ShowsItsTextWithClickableLinks_AndItsHtmlInASandboxWithoutScripts()
    {
        await PutAsync("Older", "first", "<p>first</p>");
        var message = await PutAsync("Reset your password", "Open https://studio.example/login?suspendedId=abc. Thanks",
            "<a href=\"https://studio.example/login?suspendedId=abc\">Reset</a><script>alert(1)</script>");
        var cut = RenderPage<JourneyStudio.Web.Components.Pages.Mailbox>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=mailbox-row]").Count));
        Assert.Equal(message.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), cut.FindAll("[data-testid=mailbox-row]")[0].GetAttribute("data-message-id"));

        cut.FindAll("[data-testid=mailbox-row]")[0].Click();

        cut.WaitForAssertion(() => Assert.Equal("Reset your password", cut.Find("[data-testid=mailbox-message-subject]").TextContent));
        var link = cut.Find("[data-testid=mailbox-link]");
        Assert.Equal("https://studio.example/login?suspendedId=abc", link.GetAttribute("href"));
        Assert.Equal("_blank", link.GetAttribute("target"));
        Assert.Contains(". Thanks", cut.Find("[data-testid=mailbox-message-text]").TextContent);
        var frame = cut.Find("[data-testid=mailbox-message-html]");
        var sandbox = frame.GetAttribute("sandbox")!;
        Assert.DoesNotContain("allow-scripts", sandbox);
        Assert.DoesNotContain("allow-same-origin", sandbox);
        Assert.Contains("href=\"https://studio.example/login?suspendedId=abc\"", frame.GetAttribute("srcdoc"));
        Assert.Contains("<base target=\"_blank\">", frame.GetAttribute("srcdoc"));
    }

    [Fact]
    public async Task Mailbox_DeleteAndClear_RemoveMessages_AndAreAudited()
    {
        await PutAsync("One", "1", "");
        await PutAsync("Two", "2", "");
        var cut = RenderPage<JourneyStudio.Web.Components.Pages.Mailbox>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=mailbox-row]").Count));

        cut.FindAll("[data-testid=mailbox-delete]")[0].Click();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=mailbox-row]")));
        Assert.Equal("One", Assert.Single(await Box.ListAsync()).Subject);

        cut.Find("[data-testid=mailbox-clear]").Click();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=mailbox-empty]")));
        Assert.Empty(await Box.ListAsync());
        var audit = Services.GetRequiredService<Runtime.Audit.DatabaseAuditLog>();
        var entries = (await audit.QueryAsync(new Runtime.Audit.AuditQuery())).Entries.Select(e => e.Event.Action).ToList();
        Assert.Contains(Runtime.Audit.AuditActions.MailboxDelete, entries);
        Assert.Contains(Runtime.Audit.AuditActions.MailboxClear, entries);
    }

    [Fact]
    public async Task EmailTemplates_SavingAnUnknownPlaceholder_ShowsTheProblemAndSavesNothing_AValidEditIsStored()
    {
        var cut = RenderPage<EmailTemplates>();
        cut.WaitForAssertion(() => Assert.Equal(4, cut.FindAll("[data-testid=email-template-item]").Count));
        cut.WaitForAssertion(() => Assert.Equal("forgottenUsername", cut.Find("[data-testid=email-template-editor]").GetAttribute("data-template")));

        cut.Find("[data-testid=email-template-subject] input").Input("Hello {{object.nickname}}");
        cut.Find("[data-testid=email-template-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("unknown placeholder {{object.nickname}}", cut.Find("[data-testid=email-template-problem]").TextContent));
        var templates = Services.GetRequiredService<EmailTemplateStore>();
        Assert.True((await templates.GetAsync("forgottenUsername"))!.IsDefault);

        cut.Find("[data-testid=email-template-subject] input").Input("Your username, {{object.givenName}}");
        cut.Find("[data-testid=email-template-save]").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=email-template-problem]")));
        var saved = (await templates.GetAsync("forgottenUsername"))!;
        Assert.False(saved.IsDefault);
        Assert.Equal("Your username, {{object.givenName}}", saved.Locales["en"].Subject);
        Assert.Equal(AdminName, saved.UpdatedBy);
    }
}
