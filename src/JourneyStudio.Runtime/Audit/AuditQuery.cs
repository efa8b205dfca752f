namespace JourneyStudio.Runtime.Audit;

/// <summary>
/// Which audit entries to list (newest first) and which page of them. Every filter is optional; together they
/// narrow the list.
/// </summary>
public sealed record AuditQuery
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

    /// <summary>One of <see cref="AuditActions"/> (e.g. <c>journey.save</c>) or a family of them (e.g. <c>journey.*</c>).</summary>
    public string? Action { get; init; }

    /// <summary>Exactly this actor, without regard to letter case.</summary>
    public string? Actor { get; init; }

    /// <summary>Exactly this target, without regard to letter case.</summary>
    public string? Target { get; init; }

    /// <summary>Entries recorded at or after this time.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Entries recorded before this time.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Only refused attempts (false), only successes (true), or both (null).</summary>
    public bool? Succeeded { get; init; }

    /// <summary>How many of the matching entries (newest first) to skip.</summary>
    public int Offset { get; init; }

    /// <summary>At most this many entries, 1 to <see cref="MaxLimit"/>.</summary>
    public int Limit { get; init; } = DefaultLimit;

    /// <summary>What is wrong with this query; empty when it can run.</summary>
    public IReadOnlyList<AuditQueryProblem> Validate()
    {
        var problems = new List<AuditQueryProblem>();
        if (Action is not null && !IsKnownActionFilter(Action))
            problems.Add(new AuditQueryProblem(nameof(Action),
                $"'{Action}' is not an audit action; use one of {string.Join(", ", AuditActions.All.Order(StringComparer.Ordinal))}, or a family such as journey.*"));
        if (From is { } from && To is { } to && from > to)
            problems.Add(new AuditQueryProblem(nameof(To), $"the end of the time range ({to:O}) is before its start ({from:O})"));
        if (Offset < 0)
            problems.Add(new AuditQueryProblem(nameof(Offset), "must be 0 or more"));
        if (Limit is < 1 or > MaxLimit)
            problems.Add(new AuditQueryProblem(nameof(Limit), $"must be from 1 to {MaxLimit}"));
        return problems;
    }

    /// <summary>True for a known action name, or <c>family.*</c> when some known action starts with <c>family.</c>.</summary>
    public static bool IsKnownActionFilter(string filter) =>
        filter.EndsWith(".*", StringComparison.Ordinal)
            ? filter.Length > 2 && AuditActions.All.Any(a => a.StartsWith(filter[..^1], StringComparison.Ordinal))
            : AuditActions.All.Contains(filter, StringComparer.Ordinal);
}

/// <summary>Why an <see cref="AuditQuery"/> cannot run: the filter (property name) and what is wrong with it.</summary>
public sealed record AuditQueryProblem(string Filter, string Message);

/// <summary>A stored audit event: its number (ascending in recording order) and when it was recorded.</summary>
public sealed record AuditRecord(long Id, DateTimeOffset At, AuditEvent Event);

/// <summary>One page of a query's entries, newest first, and how many entries match in all.</summary>
public sealed record AuditPage(IReadOnlyList<AuditRecord> Entries, int Total);
