namespace JourneyStudio.Journeys.Validation;

/// <summary>
/// The stable <see cref="ValidationFinding.Code"/> of every rule <see cref="JourneyValidator"/> checks.
/// Tools and tests match on these; messages may be reworded, codes may not.
/// Findings about Start carry <see cref="Model.StaticNodeIds.Start"/> as their node id and the
/// "no path reaches Success" finding carries <see cref="Model.StaticNodeIds.Success"/>, so the designer
/// can highlight the static node concerned.
/// </summary>
public static class FindingCodes
{
    /// <summary>Error: Start is connected to nothing, or to an id that names no node of the journey.</summary>
    public const string StartNotConnected = "StartNotConnected";

    /// <summary>Warning: no path from Start reaches Success, so nobody can sign on through the journey.</summary>
    public const string SuccessUnreachable = "SuccessUnreachable";

    /// <summary>Error: two nodes (top-level or on a page) share one id; connections to it are ambiguous.</summary>
    public const string DuplicateNodeId = "DuplicateNodeId";

    /// <summary>Error: a node uses the id of Start, Success or Failure.</summary>
    public const string ReservedNodeId = "ReservedNodeId";

    /// <summary>
    /// Error when Start can reach the node (a sign-on reaching it fails at runtime); Warning when it cannot
    /// (kept as imported, harmless until wired in).
    /// </summary>
    public const string UnknownNodeType = "UnknownNodeType";

    /// <summary>Warning: a top-level node Start cannot reach; it never runs.</summary>
    public const string UnreachableNode = "UnreachableNode";

    /// <summary>Error: one problem of a node's configuration (one finding per problem).</summary>
    public const string InvalidConfig = "InvalidConfig";

    /// <summary>Error: an outcome of a top-level node has no connection.</summary>
    public const string OutcomeNotConnected = "OutcomeNotConnected";

    /// <summary>Error: a connection targets an id that is neither a node of the journey nor Success/Failure.</summary>
    public const string ConnectionTargetMissing = "ConnectionTargetMissing";

    /// <summary>Error: a connection (or Start) targets a node inside a Page node; page children are not addressable.</summary>
    public const string ConnectionToPageChild = "ConnectionToPageChild";

    /// <summary>Warning: a connection from an outcome the node no longer has (e.g. after a setting changed its outcomes).</summary>
    public const string StaleConnection = "StaleConnection";

    /// <summary>Error: a Page node with no nodes on it.</summary>
    public const string PageEmpty = "PageEmpty";

    /// <summary>Error: a Page node or an Inner Tree Evaluator placed inside a Page node.</summary>
    public const string NestedInPage = "NestedInPage";

    /// <summary>Error: a node type that cannot be on a page (AM: "Illegal child node type").</summary>
    public const string IllegalPageChild = "IllegalPageChild";

    /// <summary>Error: a page child other than the last one has more than one outcome.</summary>
    public const string PageChildMultipleOutcomes = "PageChildMultipleOutcomes";

    /// <summary>Warning: a page child has connections of its own; the runtime ignores them.</summary>
    public const string PageChildConnectionsIgnored = "PageChildConnectionsIgnored";

    /// <summary>Error: an Inner Tree Evaluator names no journey.</summary>
    public const string InnerJourneyNotSet = "InnerJourneyNotSet";

    /// <summary>Error: an Inner Tree Evaluator names a journey that does not exist.</summary>
    public const string InnerJourneyMissing = "InnerJourneyMissing";

    /// <summary>Error: an Inner Tree Evaluator names the journey it is part of.</summary>
    public const string InnerJourneySelf = "InnerJourneySelf";

    /// <summary>Error: an Inner Tree Evaluator names a journey whose inner journeys lead back to this one, at any depth.</summary>
    public const string InnerJourneyCycle = "InnerJourneyCycle";

    /// <summary>Warning: an Inner Tree Evaluator names a disabled journey; sign-ons through it fail until it is enabled.</summary>
    public const string InnerJourneyDisabled = "InnerJourneyDisabled";

    /// <summary>Error (publish only): one of the journey's test scenarios fails on the draft (or its test section is not valid).</summary>
    public const string JourneyTestFailed = "JourneyTestFailed";
}
