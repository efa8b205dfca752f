using JourneyStudio.Runtime.Email;
using Microsoft.Extensions.Configuration;

namespace JourneyStudio.Runtime.Tests.Email;

public sealed class EmailSettingsTests
{
    private static EmailSettings Read(params (string Key, string? Value)[] values) =>
        EmailSettings.Read(new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, v.Value))).Build());

    [Fact]
    public void Read_WithNothingSet_IsTheEmbeddedMailboxWithAmsFiveMinuteLinks()
    {
        var settings = Read();

        Assert.Equal(EmailTransportKind.Embedded, settings.Transport);
        Assert.Equal(TimeSpan.FromMinutes(5), settings.SuspendedLifetime);
        Assert.Null(settings.Smtp);
    }

    [Fact]
    public void Read_Smtp_DefaultsToStartTlsOnPort587()
    {
        var settings = Read((EmailSettings.TransportSetting, "SMTP"), (EmailSettings.SmtpHostSetting, "mail.example.com"));

        Assert.Equal(new SmtpSettings("mail.example.com", 587, null, null, SmtpSecurity.StartTls, EmailSettings.DefaultSmtpTimeout), settings.Smtp);
    }

    [Theory]
    [InlineData(EmailSettings.TransportSetting, "sendmail", "JourneyStudio:Email:Transport must be 'embedded' or 'smtp', not 'sendmail'.")]
    [InlineData(EmailSettings.SmtpHostSetting, "", "JourneyStudio:Email:Transport is 'smtp', so JourneyStudio:Email:Smtp:Host must name the SMTP server.")]
    [InlineData(EmailSettings.SmtpPortSetting, "70000", "JourneyStudio:Email:Smtp:Port must be a port number from 1 to 65535, not '70000'.")]
    [InlineData(EmailSettings.SmtpSecuritySetting, "ssl", "JourneyStudio:Email:Smtp:Security must be 'none', 'starttls' or 'tls', not 'ssl'.")]
    [InlineData(EmailSettings.FromSetting, "nobody", "JourneyStudio:Email:From must be an email address such as 'Studio <no-reply@example.com>', not 'nobody'.")]
    [InlineData(EmailSettings.SuspendedLifetimeSetting, "-00:01:00", "JourneyStudio:Email:SuspendedLifetime must be a positive duration such as 00:05:00, not '-00:01:00'.")]
    [InlineData(EmailSettings.SmtpPasswordSetting, "secret", "JourneyStudio:Email:Smtp:Password is set but JourneyStudio:Email:Smtp:Username is not; set both to authenticate, or neither.")]
    public void Read_ABadSetting_ThrowsNamingIt(string key, string value, string message)
    {
        var values = new Dictionary<string, string?>
        {
            [EmailSettings.TransportSetting] = "smtp",
            [EmailSettings.SmtpHostSetting] = "mail.example.com",
            [key] = value,
        };

        var error = Assert.Throws<InvalidOperationException>(() => Read(values.Select(v => (v.Key, v.Value)).ToArray()));

        Assert.Equal(message, error.Message);
    }
}

public sealed class EmailTemplateTests
{
    private static EmailTemplate Template(string subject, string text, string html) => new()
    {
        Name = "custom", DefaultLocale = "en", Locales = new Dictionary<string, EmailTemplateContent> { ["en"] = new(subject, text, html) },
    };

    [Fact]
    public void Check_AnUnknownPlaceholder_IsNamedWithTheKnownOnes()
    {
        var problems = EmailTemplateRules.Check(Template("Hi {{object.firstName}}", "{{ resumeURI }}", "<a href=\"{{object.resumeURI}}\">x</a>"));

        var problem = Assert.Single(problems);
        Assert.StartsWith("en: the subject uses the unknown placeholder {{object.firstName}}; known are {{object._id}}, {{object.userName}}, {{object.givenName}}", problem);
    }

    [Fact]
    public void Check_TheShippedTemplates_HaveNoProblems()
    {
        Assert.All(EmailTemplateDefaults.All, template => Assert.Empty(EmailTemplateRules.Check(template)));
        Assert.Equal(["registration", "resetPassword", "forgottenUsername", "updatePassword"], EmailTemplateDefaults.All.Select(t => t.Name));
    }

    [Fact]
    public void Check_ADefaultLocaleWithoutContent_IsAProblem()
    {
        var problems = EmailTemplateRules.Check(Template("s", "t", "h") with { DefaultLocale = "de" });

        Assert.Equal(["The default locale 'de' has no content; add it or pick one of: en."], problems);
    }

    [Fact]
    public void Render_EncodesValuesInHtmlOnly_AndKeepsTheSubjectOneLine()
    {
        var message = EmailTemplateRenderer.Render(Template("For {{object.givenName}}", "Hi {{object.givenName}}", "<p>Hi {{object.givenName}}</p>"), [],
            new EmailTemplateValues(new Dictionary<string, string> { ["givenName"] = "<b>Ann</b>\r\nBcc: x" }), "ann@example.com");

        Assert.Equal("For <b>Ann</b> Bcc: x", message.Subject);
        Assert.Equal("Hi <b>Ann</b>\r\nBcc: x", message.TextBody);
        Assert.Equal("<p>Hi &lt;b&gt;Ann&lt;/b&gt;\r\nBcc: x</p>", message.HtmlBody);
    }

    [Theory]
    [InlineData(new[] { "fr-CA", "en" }, "Réinitialisez votre mot de passe")]
    [InlineData(new[] { "de" }, "Reset your password")]
    [InlineData(new string[0], "Reset your password")]
    public void Render_PicksTheReadersLocale_ThenItsLanguage_ThenTheDefault(string[] locales, string subject)
    {
        var message = EmailTemplateRenderer.Render(EmailTemplateDefaults.Find("resetPassword")!, locales,
            new EmailTemplateValues(new Dictionary<string, string>(), "https://x/login?suspendedId=1"), "a@example.com");

        Assert.Equal(subject, message.Subject);
        Assert.Contains("href=\"https://x/login?suspendedId=1\"", message.HtmlBody);
    }
}
