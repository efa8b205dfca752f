using JourneyStudio.Journeys.QueryFilters;

namespace JourneyStudio.Journeys.Catalog.Nodes;

/// <summary>The settings of Query Filter Decision.</summary>
public sealed record QueryFilterDecisionConfig
{
    private (string Text, QueryFilter? Filter, QueryFilterError? Error)? _parsed;

    [NodeProperty("queryFilter", "Query Filter", Required = true,
        Help = "An IDM query filter the user must match, e.g. !(/preferences pr) or /preferences/marketing eq false. "
               + "Operators: eq, co, sw, gt, ge, lt, le, pr, and, or, !, parentheses.")]
    public string QueryFilter { get; init; } = "";

    [NodeProperty("identityAttribute", "Identity Attribute", Required = true, Help = IdentityNodeProperties.IdentityAttributeHelp)]
    public string IdentityAttribute { get; init; } = IdentityNodeProperties.DefaultIdentityAttribute;

    /// <summary>The parsed filter, or null when it does not parse (see <see cref="FilterError"/>). Parsed once per bound config.</summary>
    public QueryFilter? Filter => Parsed().Filter;

    public QueryFilterError? FilterError => Parsed().Error;

    private (string Text, QueryFilter? Filter, QueryFilterError? Error) Parsed()
    {
        if (_parsed is { } cached && ReferenceEquals(cached.Text, QueryFilter)) return cached;
        var parsed = QueryFilterParser.TryParse(QueryFilter, out var filter, out var error)
            ? (QueryFilter, filter, (QueryFilterError?)null)
            : (QueryFilter, (QueryFilter?)null, error);
        _parsed = parsed;
        return parsed;
    }
}

/// <summary>Query Filter Decision: True when the journey's user matches an IDM query filter.</summary>
public sealed class QueryFilterDecisionDescriptor : DecisionNodeDescriptor<QueryFilterDecisionConfig>
{
    public override string TypeId => NodeTypeIds.QueryFilterDecision;
    public override string DisplayName => "Query Filter Decision";
    public override string Category => NodeCategories.IdentityManagement;
    public override string Description => "Checks the user against an IDM query filter, for instance to find profiles with missing fields.";

    protected override IEnumerable<ConfigProblem> ValidateRules(QueryFilterDecisionConfig config)
    {
        // An empty filter is reported as required by the property itself.
        if (!string.IsNullOrWhiteSpace(config.QueryFilter) && config.FilterError is { } error)
            yield return new ConfigProblem("queryFilter", $"Query Filter is not valid: {error}.");
    }
}
