namespace JourneyStudio.Runtime.Identities;

/// <summary>
/// Which identities to list (by username) and which page of them: the admin API's <c>?search=&amp;offset=&amp;limit=</c>
/// and the Identities page. The search and the page are done by the database, so a list costs a page, not the table.
/// </summary>
public sealed record IdentityQuery
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

    /// <summary>
    /// Identities whose username, given name, surname or mail contains this text, without regard to letter case (every
    /// letter's, not ASCII only); null or blank lists every identity.
    /// </summary>
    public string? Search { get; init; }

    /// <summary>How many of the matching identities (by username) to skip.</summary>
    public int Offset { get; init; }

    /// <summary>At most this many identities, 1 to <see cref="MaxLimit"/>.</summary>
    public int Limit { get; init; } = DefaultLimit;

    /// <summary>What is wrong with this query; empty when it can run.</summary>
    public IReadOnlyList<IdentityQueryProblem> Validate()
    {
        var problems = new List<IdentityQueryProblem>();
        if (Offset < 0) problems.Add(new IdentityQueryProblem(nameof(Offset), "must be 0 or more"));
        if (Limit is < 1 or > MaxLimit) problems.Add(new IdentityQueryProblem(nameof(Limit), $"must be from 1 to {MaxLimit}"));
        return problems;
    }
}

/// <summary>Why an <see cref="IdentityQuery"/> cannot run: the parameter (property name) and what is wrong with it.</summary>
public sealed record IdentityQueryProblem(string Parameter, string Message);

/// <summary>One page of identities and how many match the search in all.</summary>
public sealed record IdentityPage(IReadOnlyList<IdentitySummary> Identities, int Total);
