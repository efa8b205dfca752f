using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JourneyStudio.Runtime.Email;

/// <summary>One locale's version of a template: subject, plain-text body and HTML body, with <c>{{placeholders}}</c>.</summary>
public sealed record EmailTemplateContent(string Subject, string Text, string Html);

/// <summary>
/// An email template in the style of IDM's <c>emailTemplate/NAME</c>: per-locale content and the locale used when the
/// reader's languages match none. Placeholders are IDM's: <c>{{object.givenName}}</c>, <c>{{object.resumeURI}}</c>...
/// (see <see cref="EmailTemplateRenderer"/>).
/// </summary>
public sealed record EmailTemplate
{
    public required string Name { get; init; }

    public required string DefaultLocale { get; init; }

    /// <summary>Locale (e.g. <c>en</c>, <c>fr</c>) to content; always holds <see cref="DefaultLocale"/>.</summary>
    public required IReadOnlyDictionary<string, EmailTemplateContent> Locales { get; init; }

    /// <summary>Sender for this template only; null for the setting <c>JourneyStudio:Email:From</c>.</summary>
    public string? From { get; init; }

    /// <summary>When an admin last saved it; null for a shipped default never changed.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    public string? UpdatedBy { get; init; }

    public bool IsDefault => UpdatedAt is null;

    /// <summary>
    /// The content for a reader who prefers <paramref name="preferredLocales"/> (best first): for each of their locales in turn
    /// an exact match or the same language (<c>fr-CA</c> reads <c>fr</c>), then the default locale.
    /// </summary>
    public EmailTemplateContent ContentFor(IReadOnlyList<string> preferredLocales)
    {
        // In the reader's order: fr-CA before en means French (fr) before English, even with an exact en.
        foreach (var locale in preferredLocales)
        {
            if (Find(locale) is { } exact) return exact;
            if (locale.Split('-', '_')[0] is { Length: > 0 } language && Find(language) is { } sameLanguage) return sameLanguage;
        }
        return Locales[DefaultLocale];
    }

    private EmailTemplateContent? Find(string locale) =>
        Locales.FirstOrDefault(l => string.Equals(l.Key, locale, StringComparison.OrdinalIgnoreCase)).Value;
}

/// <summary>A template an admin saved; a name without a row is its shipped default (<see cref="EmailTemplateDefaults"/>).</summary>
public sealed class EmailTemplateRecord
{
    public const int MaxNameLength = 100;

    public required string Name { get; init; }

    public required string DefaultLocale { get; set; }

    public string? From { get; set; }

    /// <summary>The locales as JSON: <c>{"en": {"subject": "...", "text": "...", "html": "..."}}</c>.</summary>
    public required string LocalesJson { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public required string UpdatedBy { get; set; }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    public static string WriteLocales(IReadOnlyDictionary<string, EmailTemplateContent> locales) => JsonSerializer.Serialize(locales, Json);

    public EmailTemplate ToTemplate() => new()
    {
        Name = Name,
        DefaultLocale = DefaultLocale,
        From = From,
        Locales = JsonSerializer.Deserialize<Dictionary<string, EmailTemplateContent>>(LocalesJson, Json) ?? [],
        UpdatedAt = UpdatedAt,
        UpdatedBy = UpdatedBy,
    };
}

internal sealed class EmailTemplateRecordConfiguration : IEntityTypeConfiguration<EmailTemplateRecord>
{
    public void Configure(EntityTypeBuilder<EmailTemplateRecord> template)
    {
        template.ToTable("EmailTemplates");
        template.HasKey(t => t.Name);
        template.Property(t => t.Name).HasMaxLength(EmailTemplateRecord.MaxNameLength);
        template.Property(t => t.DefaultLocale).HasMaxLength(EmailTemplateRules.MaxLocaleLength);
        template.Property(t => t.From).HasMaxLength(Mailbox.MaxAddressLength);
        template.Property(t => t.UpdatedBy).HasMaxLength(200);
    }
}
