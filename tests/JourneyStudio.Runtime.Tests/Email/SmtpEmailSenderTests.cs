using JourneyStudio.Runtime.Email;
using JourneyStudio.Runtime.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace JourneyStudio.Runtime.Tests.Email;

/// <summary>The SMTP transport against a real SMTP server on loopback: what arrives, and how failures are named and logged.</summary>
public sealed class SmtpEmailSenderTests
{
    private const string Username = "studio";
    private const string Password = "Smtp-secret-1";
    private const string ResumeLink = "https://studio.example/login?suspendedId=AbC-123_x";

    private static EmailSettings Settings(int port, string? username = Username, string? password = Password, string security = "none") =>
        EmailSettings.Read(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [EmailSettings.TransportSetting] = "smtp",
            [EmailSettings.SmtpHostSetting] = "127.0.0.1",
            [EmailSettings.SmtpPortSetting] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [EmailSettings.SmtpUsernameSetting] = username,
            [EmailSettings.SmtpPasswordSetting] = password,
            [EmailSettings.SmtpSecuritySetting] = security,
            [EmailSettings.SmtpTimeoutSetting] = "00:00:10",
            [EmailSettings.FromSetting] = "Journey Studio <no-reply@studio.example>",
        }).Build());

    private static EmailMessage ResetPasswordMail() => EmailTemplateRenderer.Render(
        EmailTemplateDefaults.Find(EmailTemplateDefaults.ResetPassword)!, ["en"],
        new EmailTemplateValues(new Dictionary<string, string> { ["givenName"] = "Jane", ["userName"] = "jdoe" }, ResumeLink),
        "jane.doe@example.com");

    [Fact]
    public async Task Send_ToARealListener_DeliversFromToSubjectBothBodiesAndTheResumeLink()
    {
        await using var server = new LoopbackSmtpServer(Username, Password);
        var sender = new SmtpEmailSender(Settings(server.Port), new ListLogger<SmtpEmailSender>());

        var result = await sender.SendAsync(ResetPasswordMail());

        Assert.IsType<EmailSendResult.Sent>(result);
        var received = Assert.Single(server.Received);
        Assert.Equal("no-reply@studio.example", received.From.Mailboxes.Single().Address);
        Assert.Equal("Journey Studio", received.From.Mailboxes.Single().Name);
        Assert.Equal("jane.doe@example.com", received.To.Mailboxes.Single().Address);
        Assert.Equal("Reset your password", received.Subject);
        Assert.Equal($"Hello Jane,\n\nOpen this link to reset your password: {ResumeLink}\n", received.TextBody!.ReplaceLineEndings("\n"));
        Assert.Equal($"<h3>Click to reset your password</h3><h4><a href=\"{ResumeLink}\">Password reset link</a></h4>", received.HtmlBody!.Trim());
        Assert.Equal([Username], server.AuthenticatedUsers);
    }

    [Fact]
    public async Task Send_WithAWrongPassword_FailsAsAuthentication_AndNeverLogsThePassword()
    {
        await using var server = new LoopbackSmtpServer(Username, "another-password");
        var logger = new ListLogger<SmtpEmailSender>();
        var sender = new SmtpEmailSender(Settings(server.Port), logger);

        var result = await sender.SendAsync(ResetPasswordMail());

        var failed = Assert.IsType<EmailSendResult.Failed>(result);
        Assert.Equal(EmailFailure.Authentication, failed.Kind);
        Assert.Empty(server.Received);
        var logged = Assert.Single(logger.Entries);
        Assert.Contains("127.0.0.1", logged.Message);
        Assert.DoesNotContain(Password, logged.Message);
        Assert.DoesNotContain(Password, failed.Reason);
    }

    [Fact]
    public async Task Send_WhenNothingListens_FailsAsUnreachable()
    {
        int port;
        await using (var gone = new LoopbackSmtpServer()) port = gone.Port;
        var sender = new SmtpEmailSender(Settings(port, null, null), new ListLogger<SmtpEmailSender>());

        var result = await sender.SendAsync(ResetPasswordMail());

        Assert.Equal(EmailFailure.Unreachable, Assert.IsType<EmailSendResult.Failed>(result).Kind);
    }

    [Fact]
    public async Task Send_WithStartTlsToAServerThatOffersNone_FailsAsSecurity_NotInPlainText()
    {
        await using var server = new LoopbackSmtpServer();
        var sender = new SmtpEmailSender(Settings(server.Port, null, null, security: "starttls"), new ListLogger<SmtpEmailSender>());

        var result = await sender.SendAsync(ResetPasswordMail());

        Assert.Equal(EmailFailure.Security, Assert.IsType<EmailSendResult.Failed>(result).Kind);
        Assert.Empty(server.Received);
    }

    [Fact]
    public async Task Send_ToAnAddressThatIsNone_IsRefusedBeforeConnecting()
    {
        var sender = new SmtpEmailSender(Settings(1, null, null), new ListLogger<SmtpEmailSender>());

        var result = await sender.SendAsync(ResetPasswordMail() with { To = "not an address" });

        Assert.Equal(EmailFailure.InvalidRecipient, Assert.IsType<EmailSendResult.Failed>(result).Kind);
    }
}
