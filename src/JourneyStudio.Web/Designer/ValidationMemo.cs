using JourneyStudio.Journeys.Model;
using JourneyStudio.Journeys.Validation;

namespace JourneyStudio.Web.Designer;

/// <summary>
/// The findings of the journey last validated, kept while neither it nor what it was checked against changed. Opening
/// the designer validated the same journey twice (once to find the journeys it reaches, once to draw it), and a save,
/// which changes no content, validated it again. Journeys are immutable, so "the same journey" is the same object;
/// <c>context</c> is the caller's version of everything else validation reads (the other journeys known).
/// </summary>
public sealed class ValidationMemo
{
    private (Journey Journey, int Context, IReadOnlyList<ValidationFinding> Findings, IReadOnlyList<string> Unread)? _last;

    /// <summary>
    /// The findings of <paramref name="journey"/>: remembered ones when it and <paramref name="context"/> are those of the
    /// last call, else <paramref name="validate"/>'s. The names <paramref name="validate"/> added to <paramref name="unread"/>
    /// (journeys it could not look at yet) are added again on a remembered answer, as if it had run.
    /// </summary>
    public IReadOnlyList<ValidationFinding> Validate(Journey journey, int context, ISet<string> unread,
        Func<IReadOnlyList<ValidationFinding>> validate)
    {
        if (_last is { } last && ReferenceEquals(last.Journey, journey) && last.Context == context)
        {
            unread.UnionWith(last.Unread);
            return last.Findings;
        }
        var before = unread.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var findings = validate();
        _last = (journey, context, findings, unread.Where(name => !before.Contains(name)).ToList());
        return findings;
    }
}
