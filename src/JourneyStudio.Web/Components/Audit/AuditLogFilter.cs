using JourneyStudio.Runtime.Audit;

namespace JourneyStudio.Web.Components.Audit;

/// <summary>
/// What the audit log page's filters are set to. Dates are whole UTC days: the range runs from the start of
/// its first day to the end of its last.
/// </summary>
public sealed record AuditLogFilter
{
    public static AuditLogFilter None { get; } = new();

    /// <summary>An action or a family such as <c>journey.*</c>; empty for all.</summary>
    public string Action { get; init; } = "";

    public string Actor { get; init; } = "";

    public string Target { get; init; } = "";

    public DateTime? FromDay { get; init; }

    public DateTime? ToDay { get; init; }

    public bool FailuresOnly { get; init; }

    public AuditQuery ToQuery(int offset, int limit) => new()
    {
        Action = Blank(Action),
        Actor = Blank(Actor),
        Target = Blank(Target),
        From = FromDay is { } from ? StartOfUtcDay(from) : null,
        To = ToDay is { } to ? StartOfUtcDay(to).AddDays(1) : null,
        Succeeded = FailuresOnly ? false : null,
        Offset = offset,
        Limit = limit,
    };

    private static string? Blank(string text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static DateTimeOffset StartOfUtcDay(DateTime day) => new(day.Year, day.Month, day.Day, 0, 0, 0, TimeSpan.Zero);
}
