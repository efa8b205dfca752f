using System.Net;
using System.Text.RegularExpressions;

namespace JourneyStudio.Runtime.Email;

/// <summary>What a template is filled in with: the identity's attributes (IDM's <c>object</c>) and the resume link.</summary>
public sealed record EmailTemplateValues(IReadOnlyDictionary<string, string> Object, string? ResumeUri = null);

/// <summary>
/// Fills in IDM-style placeholders: <c>{{object.ATTRIBUTE}}</c> for the identity's attributes (<see cref="ObjectAttributes"/>),
/// and the resume link as <c>{{object.resumeURI}}</c> (as IDM's templates write it) or <c>{{resumeURI}}</c>. A missing value
/// becomes empty (as AM omits missing values); values are HTML-encoded in the HTML body.
/// </summary>
public static partial class EmailTemplateRenderer
{
    public const string ResumeUri = "resumeURI";

    /// <summary>The identity attributes a template may name after <c>object.</c>.</summary>
    public static IReadOnlyList<string> ObjectAttributes { get; } = ["_id", "userName", "givenName", "sn", "mail", "telephoneNumber"];

    /// <summary>Every placeholder a template may use, as written inside the braces.</summary>
    public static IReadOnlyList<string> Placeholders { get; } =
        [.. ObjectAttributes.Select(a => "object." + a), "object." + ResumeUri, ResumeUri];

    [GeneratedRegex(@"\{\{(.*?)\}\}", RegexOptions.Singleline)]
    private static partial Regex PlaceholderPattern();

    /// <summary>The placeholders in <paramref name="text"/> that are not in <see cref="Placeholders"/> (trimmed, in order, once each).</summary>
    public static IReadOnlyList<string> UnknownPlaceholders(string text) =>
        PlaceholderPattern().Matches(text).Select(m => m.Groups[1].Value.Trim())
            .Where(name => !Placeholders.Contains(name, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal).ToList();

    public static EmailMessage Render(EmailTemplate template, IReadOnlyList<string> preferredLocales, EmailTemplateValues values, string to)
    {
        var content = template.ContentFor(preferredLocales);
        return new EmailMessage(
            to,
            // A subject is one line: a value with a line break in it must not add mail headers or lines.
            Fill(content.Subject, values, encode: false).ReplaceLineEndings(" "),
            Fill(content.Text, values, encode: false),
            Fill(content.Html, values, encode: true),
            template.From);
    }

    private static string Fill(string text, EmailTemplateValues values, bool encode) =>
        PlaceholderPattern().Replace(text, match =>
        {
            var name = match.Groups[1].Value.Trim();
            string? value = name is ResumeUri or "object." + ResumeUri
                ? values.ResumeUri
                : name.StartsWith("object.", StringComparison.Ordinal) && values.Object.TryGetValue(name["object.".Length..], out var attribute)
                    ? attribute
                    : null;
            value ??= "";
            return encode ? WebUtility.HtmlEncode(value) : value;
        });
}

/// <summary>What a saved template must be; <see cref="Check"/> lists every problem, one sentence each.</summary>
public static partial class EmailTemplateRules
{
    public const int MaxLocaleLength = 20;
    public const int MaxSubjectLength = 500;
    public const int MaxBodyLength = 100_000;
    public const int MaxLocales = 50;

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,99}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Za-z]{2,8}([-_][A-Za-z0-9]{1,8})*$")]
    private static partial Regex LocalePattern();

    public static IReadOnlyList<string> Check(EmailTemplate template)
    {
        var problems = new List<string>();
        if (!NamePattern().IsMatch(template.Name))
            problems.Add($"The template name '{template.Name}' must start with a letter and have only letters, digits, '-' and '_' (at most {EmailTemplateRecord.MaxNameLength}).");
        if (template.Locales.Count == 0) problems.Add("A template needs at least one locale.");
        if (template.Locales.Count > MaxLocales) problems.Add($"A template may have at most {MaxLocales} locales.");
        if (!template.Locales.ContainsKey(template.DefaultLocale))
            problems.Add($"The default locale '{template.DefaultLocale}' has no content; add it or pick one of: {string.Join(", ", template.Locales.Keys)}.");
        if (template.From is { Length: > 0 } from && !EmailAddresses.IsValid(from) && !(MimeKit.MailboxAddress.TryParse(from, out var named) && EmailAddresses.IsValid(named.Address)))
            problems.Add($"The sender '{from}' is not an email address.");
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (locale, content) in template.Locales)
        {
            if (!LocalePattern().IsMatch(locale) || locale.Length > MaxLocaleLength)
                problems.Add($"'{locale}' is not a locale such as en, fr or pt-BR.");
            else if (!seen.Add(locale))
                problems.Add($"The locale '{locale}' appears twice.");
            if (string.IsNullOrWhiteSpace(content.Subject)) problems.Add($"{locale}: the subject is empty.");
            if (content.Subject.Length > MaxSubjectLength) problems.Add($"{locale}: the subject is longer than {MaxSubjectLength} characters.");
            if (string.IsNullOrWhiteSpace(content.Text) && string.IsNullOrWhiteSpace(content.Html))
                problems.Add($"{locale}: the text and the HTML body are both empty.");
            foreach (var (part, text) in new[] { ("subject", content.Subject), ("text", content.Text), ("HTML", content.Html) })
            {
                if (text.Length > MaxBodyLength) problems.Add($"{locale}: the {part} is longer than {MaxBodyLength} characters.");
                foreach (var unknown in EmailTemplateRenderer.UnknownPlaceholders(text))
                    problems.Add($"{locale}: the {part} uses the unknown placeholder {{{{{unknown}}}}}; known are {string.Join(", ", EmailTemplateRenderer.Placeholders.Select(p => "{{" + p + "}}"))}.");
            }
        }
        return problems;
    }
}
