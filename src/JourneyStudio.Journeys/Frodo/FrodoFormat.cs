using System.Text.Json;
using JourneyStudio.Journeys.Catalog;

namespace JourneyStudio.Journeys.Frodo;

/// <summary>Names and conventions of the frodo / AM export format, shared by the reader and the writer.</summary>
internal static class FrodoFormat
{
    // Export file level.
    public const string Meta = "meta";
    public const string Tree = "tree";
    public const string Trees = "trees";
    public const string Nodes = "nodes";
    public const string InnerNodes = "innerNodes";

    // Tree object.
    public const string Id = "_id";
    public const string Rev = "_rev";
    public const string Description = "description";
    public const string IdentityResource = "identityResource";
    public const string UiConfig = "uiConfig";
    public const string EntryNodeId = "entryNodeId";
    public const string Enabled = "enabled";
    public const string InnerTreeOnly = "innerTreeOnly";
    public const string NoSession = "noSession";
    public const string MustRun = "mustRun";
    public const string StaticNodes = "staticNodes";

    /// <summary>Tree fields the model interprets; everything else goes to <c>Journey.ExtraTreeFields</c>.</summary>
    public static readonly IReadOnlySet<string> InterpretedTreeFields = new HashSet<string>(StringComparer.Ordinal)
    {
        Id, Description, IdentityResource, EntryNodeId, Enabled, InnerTreeOnly, NoSession, MustRun, Nodes,
    };

    // uiConfig keys. AM's uiConfig is a free-form map of strings, so JourneyStudio-only settings live there too.
    public const string Categories = "categories";
    public const string RealmDefault = "realmDefault";
    public const string ThemeOverride = "themeOverride";
    public const string MaximumSessionDuration = "maximumSessionDuration";

    // Tree node (layout) entry and Page child list entry.
    public const string Connections = "connections";
    public const string DisplayName = "displayName";
    public const string NodeType = "nodeType";
    public const string NodeVersion = "nodeVersion";
    public const string X = "x";
    public const string Y = "y";

    // Node config object.
    public const string TypeField = "_type";
    public const string Outcomes = NodeCatalog.OutcomesKey;
    public const string TypeName = "name";
    public const string TypeCollection = "collection";
    public const string OutcomeId = "id";

    /// <summary>Fields AM generates on every node config; a known type's config leaves them out and the writer regenerates them.</summary>
    public static readonly IReadOnlySet<string> GeneratedConfigFields = new HashSet<string>(StringComparer.Ordinal) { Id, Rev, TypeField, Outcomes };

    public const string DefaultPageDisplayName = "Page Node";

    /// <summary>
    /// Dependency sections frodo writes into every export, with the empty value frodo writes when a journey
    /// has none. An empty one is not kept in <c>Journey.ExtraExportSections</c>, so that files with and
    /// without the empty section import to the same journey.
    /// </summary>
    public static readonly IReadOnlyList<(string Name, JsonValueKind Kind)> StandardSections =
    [
        ("scripts", JsonValueKind.Object),
        ("emailTemplates", JsonValueKind.Object),
        ("socialIdentityProviders", JsonValueKind.Object),
        ("themes", JsonValueKind.Array),
        ("saml2Entities", JsonValueKind.Object),
        ("circlesOfTrust", JsonValueKind.Object),
    ];

    /// <summary>True when a (top-level) node of this type is written with generated <c>_type</c>/<c>_outcomes</c>.</summary>
    /// <remarks>
    /// A top-level Page node is always treated as known: its outcomes are its last child's and its child list
    /// is regenerated from the model, so keeping AM's copies would only let them go stale.
    /// </remarks>
    public static bool IsKnown(NodeCatalog catalog, string nodeType, bool topLevel) =>
        catalog.IsKnown(nodeType) || (topLevel && nodeType == NodeCatalog.PageNodeType);

    /// <summary>
    /// True for a config field the model does not keep because the writer regenerates it: the <c>_id</c>, AM's generated
    /// fields of a known type, and a top-level Page node's child list (the model holds the children themselves).
    /// Reader and writer both ask this, so what one drops the other puts back.
    /// </summary>
    public static bool IsRegeneratedConfigField(string name, bool known, bool isPage) =>
        name == Id || (known && GeneratedConfigFields.Contains(name)) || (isPage && name == Nodes);

    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    // JSON path text: fixed fields as .name, map keys (uuids, journey names) as ['key'].
    public static string Field(string parent, string name) => $"{parent}.{name}";

    public static string Key(string parent, string key) =>
        $"{parent}['{key.Replace("\\", "\\\\").Replace("'", "\\'")}']";

    public static string Index(string parent, int index) => $"{parent}[{index}]";
}
