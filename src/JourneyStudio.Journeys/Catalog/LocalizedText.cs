using System.Collections.Immutable;

namespace JourneyStudio.Journeys.Catalog;

/// <summary>
/// A localized config message (AM's <c>Map&lt;Locale, String&gt;</c>, stored as <c>{"en":"Hello","de":"Hallo"}</c>) with the
/// built-in text a node shows when the map has no entry, so a processor never repeats that text.
/// </summary>
public sealed class LocalizedText
{
    private static readonly IReadOnlyDictionary<string, string> NoMessages = ImmutableDictionary<string, string>.Empty;

    /// <summary>An empty map whose fallback is <paramref name="fallback"/>: the initializer of a config property.</summary>
    public LocalizedText(string fallback = "") : this(NoMessages, fallback)
    {
    }

    public LocalizedText(IReadOnlyDictionary<string, string> messages, string fallback = "")
    {
        Messages = messages;
        Fallback = fallback;
    }

    /// <summary>Locale to text, in the stored order.</summary>
    public IReadOnlyDictionary<string, string> Messages { get; }

    /// <summary>The text when <see cref="Messages"/> is empty; "" for messages that are simply left out.</summary>
    public string Fallback { get; }

    public LocalizedText WithMessages(IReadOnlyDictionary<string, string> messages) => new(messages, Fallback);

    /// <summary>The text for the client's preferred locales (then English, then the first entry), else <see cref="Fallback"/>.</summary>
    public string Resolve(IReadOnlyList<string> preferredLocales) => Localize(Messages, preferredLocales) ?? Fallback;

    /// <summary>
    /// The entry for the first preferred locale that matches exactly or by language, then English, then the first entry;
    /// null when <paramref name="messages"/> is empty or absent.
    /// </summary>
    public static string? Localize(IReadOnlyDictionary<string, string>? messages, IReadOnlyList<string> preferredLocales)
    {
        if (messages is null || messages.Count == 0) return null;
        foreach (var locale in preferredLocales.Append("en"))
        {
            var match = messages.FirstOrDefault(m => string.Equals(m.Key, locale, StringComparison.OrdinalIgnoreCase)).Value
                ?? messages.FirstOrDefault(m => string.Equals(Language(m.Key), Language(locale), StringComparison.OrdinalIgnoreCase)).Value;
            if (match is not null) return match;
        }
        return messages.First().Value;
    }

    private static string Language(string locale) => locale.Split('-', '_')[0];

    public override string ToString() => Messages.Count == 0 ? $"(default \"{Fallback}\")" : string.Join(", ", Messages.Select(m => $"{m.Key}: {m.Value}"));
}
