using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Json;
using JourneyStudio.Journeys.Model;
using static JourneyStudio.Journeys.Frodo.FrodoFormat;

namespace JourneyStudio.Journeys.Frodo;

/// <summary>
/// Reads journeys from the frodo export formats: the single-journey export
/// (<c>{meta, tree, nodes, innerNodes, scripts, …}</c>) and the multi-journey export (<c>{"trees": {name: {…}}}</c>).
/// </summary>
/// <remarks>
/// What does not map onto the model is kept so that a re-export gives the same file back:
/// <list type="bullet">
/// <item>tree fields the model does not interpret (<c>_rev</c>, <c>transactionalOnly</c>, …) go to
/// <see cref="Journey.ExtraTreeFields"/> unchanged;</item>
/// <item><c>ExtraTreeFields["uiConfig"]</c> holds only the uiConfig keys that are not journey settings;</item>
/// <item><c>ExtraTreeFields["staticNodes"]</c> holds only the staticNodes entries other than Start, Success
/// and Failure (some exports carry odd ids there);</item>
/// <item>export sections other than meta/tree/nodes/innerNodes go to <see cref="Journey.ExtraExportSections"/>,
/// except frodo's standard sections when they are empty (the writer puts those back anyway).</item>
/// </list>
/// Not kept: node configs no tree node refers to (orphans AM leaves behind), unknown fields of a tree
/// node's layout entry, <c>meta</c>, and the <c>_rev</c>/<c>_type</c>/<c>_outcomes</c> of known node types
/// (regenerated on export).
/// </remarks>
public static class FrodoJourneyReader
{
    /// <summary>Reads every journey of a frodo export.</summary>
    /// <exception cref="JourneyFormatException">The text is not JSON or not a valid export; lists every problem.</exception>
    /// <remarks>
    /// The text goes through <see cref="StrictJson"/>: duplicate keys would silently drop a node or a journey, and a
    /// lone surrogate would break every later read of the string, so both are refused with their path.
    /// </remarks>
    public static IReadOnlyList<Journey> Read(string json, NodeCatalog? catalog = null)
    {
        if (!StrictJson.TryParse(json ?? "", out var document, out var problem))
            throw new JourneyFormatException([FormatError(problem)]);

        using (document)
        {
            var reader = new ExportReader(catalog ?? NodeCatalog.Default);
            var journeys = reader.ReadFile(document.RootElement);
            if (reader.Errors.Count > 0) throw new JourneyFormatException(reader.Errors);
            return journeys;
        }
    }

    public static JourneyFormatError FormatError(JsonInputProblem problem) => new(problem.Path, problem.Message)
    {
        Line = problem.Line,
        BytePositionInLine = problem.BytePositionInLine,
    };

    /// <summary>Walks one parsed file, collecting every problem instead of stopping at the first.</summary>
    private sealed class ExportReader(NodeCatalog catalog)
    {
        public List<JourneyFormatError> Errors { get; } = [];

        private void Error(string path, string message) => Errors.Add(new JourneyFormatError(path, message));

        private void WrongType(string path, string expected, JsonElement found) =>
            Error(path, $"expected {expected}, found {Describe(found.ValueKind)}");

        public IReadOnlyList<Journey> ReadFile(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                WrongType("$", "a frodo journey export (an object with 'tree' or 'trees')", root);
                return [];
            }

            var hasTree = root.TryGetProperty(Tree, out _);
            var hasTrees = root.TryGetProperty(Trees, out var trees);
            if (hasTree && hasTrees)
            {
                Error("$", "has both 'tree' (single-journey export) and 'trees' (multi-journey export); expected only one of them");
                return [];
            }

            if (hasTree)
                return ReadExport(root, "$", key: null) is { } journey ? [journey] : [];

            if (!hasTrees)
            {
                Error("$", "expected 'tree' (single-journey export) or 'trees' (multi-journey export), found neither");
                return [];
            }

            const string treesPath = "$." + Trees;
            if (trees.ValueKind != JsonValueKind.Object)
            {
                WrongType(treesPath, "an object mapping journey names to their exports", trees);
                return [];
            }

            var journeys = new List<Journey>();
            foreach (var entry in trees.EnumerateObject())
            {
                var path = Key(treesPath, entry.Name);
                if (entry.Value.ValueKind != JsonValueKind.Object)
                    WrongType(path, "an object with the journey's tree, nodes and innerNodes", entry.Value);
                else if (ReadExport(entry.Value, path, entry.Name) is { } journey)
                    journeys.Add(journey);
            }
            return journeys;
        }

        /// <summary>One journey's export: its tree plus the node config sections and dependencies.</summary>
        private Journey? ReadExport(JsonElement export, string path, string? key)
        {
            var configs = new ConfigSections(
                path,
                OptionalValue(export, Nodes, path, JsonValueKind.Object, "an object mapping node ids to node configs"),
                OptionalValue(export, InnerNodes, path, JsonValueKind.Object, "an object mapping node ids to the configs of Page children"));
            var sections = ReadSections(export, path);

            var treePath = Field(path, Tree);
            if (!export.TryGetProperty(Tree, out var tree))
            {
                Error(treePath, "missing: expected the journey's tree object");
                return null;
            }
            if (tree.ValueKind != JsonValueKind.Object)
            {
                WrongType(treePath, "the journey's tree object", tree);
                return null;
            }

            return ReadTree(tree, treePath, key, configs) is { } journey
                ? journey with { ExtraExportSections = sections }
                : null;
        }

        private ImmutableDictionary<string, JsonElement> ReadSections(JsonElement export, string path)
        {
            var sections = ImmutableDictionary.CreateBuilder<string, JsonElement>(StringComparer.Ordinal);
            foreach (var property in export.EnumerateObject())
            {
                if (property.Name is Meta or Tree or Nodes or InnerNodes) continue;
                var value = property.Value;
                var standard = StandardSections.FirstOrDefault(s => s.Name == property.Name);
                if (standard.Name is not null)
                {
                    if (value.ValueKind == JsonValueKind.Null) continue;
                    if (value.ValueKind != standard.Kind)
                    {
                        WrongType(Field(path, property.Name), standard.Kind == JsonValueKind.Array ? "an array" : "an object mapping ids to definitions", value);
                        continue;
                    }
                    if (IsEmpty(value)) continue;
                }
                sections[property.Name] = value.Clone();
            }
            return sections.ToImmutable();
        }

        private static bool IsEmpty(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.Object => !value.EnumerateObject().Any(),
            JsonValueKind.Array => value.GetArrayLength() == 0,
            _ => false,
        };

        private Journey? ReadTree(JsonElement tree, string treePath, string? key, ConfigSections configs)
        {
            var name = ReadName(tree, treePath, key);
            var uiConfig = OptionalValue(tree, UiConfig, treePath, JsonValueKind.Object, "an object of string values");
            var (settings, uiResidual) = ReadSettings(tree, treePath, uiConfig);

            var journey = new Journey
            {
                Name = name ?? "",
                Description = OptionalString(tree, Description, treePath) ?? "",
                Settings = settings,
                EntryNodeId = OptionalString(tree, EntryNodeId, treePath) ?? "",
            };

            var layout = OptionalValue(tree, Nodes, treePath, JsonValueKind.Object, "an object mapping node ids to nodes");
            journey = journey with { Nodes = ReadNodes(layout, Field(treePath, Nodes), configs) };

            var staticNodes = OptionalValue(tree, StaticNodes, treePath, JsonValueKind.Object, "an object mapping static node ids to positions");
            journey = ReadStaticNodes(journey, staticNodes, Field(treePath, StaticNodes), out var staticResidual);

            var extra = ImmutableDictionary.CreateBuilder<string, JsonElement>(StringComparer.Ordinal);
            foreach (var property in tree.EnumerateObject())
                if (!InterpretedTreeFields.Contains(property.Name) && property.Name is not UiConfig and not StaticNodes)
                    extra[property.Name] = property.Value.Clone();
            if (uiResidual.Count > 0) extra[UiConfig] = ToObject(uiResidual);
            if (staticResidual.Count > 0) extra[StaticNodes] = ToObject(staticResidual);

            return name is null ? null : journey with { ExtraTreeFields = extra.ToImmutable() };
        }

        /// <summary>The tree's <c>_id</c>; in a multi-journey export it may be left out (the key names the journey) but must not contradict the key.</summary>
        private string? ReadName(JsonElement tree, string treePath, string? key)
        {
            const string expected = "the journey name as a non-empty string";
            var idPath = Field(treePath, Id);
            if (!tree.TryGetProperty(Id, out var id) || id.ValueKind == JsonValueKind.Null)
            {
                if (key is { Length: > 0 }) return key;
                Error(idPath, $"missing: expected {expected}");
                return null;
            }
            if (id.ValueKind != JsonValueKind.String || id.GetString() is not { Length: > 0 } name)
            {
                Error(idPath, $"expected {expected}, found {Show(id)}");
                return null;
            }
            if (key is not null && name != key)
                Error(idPath, $"'{name}' does not match the journey's key '{key}' under 'trees'; expected the same name");
            return name;
        }

        private (JourneySettings Settings, List<JsonProperty> UiResidual) ReadSettings(JsonElement tree, string treePath, JsonElement? uiConfig)
        {
            var settings = new JourneySettings
            {
                IdentityResource = OptionalString(tree, IdentityResource, treePath) ?? JourneySettings.DefaultIdentityResource,
                Enabled = OptionalBool(tree, Enabled, treePath) ?? true,
                InnerTreeOnly = OptionalBool(tree, InnerTreeOnly, treePath) ?? false,
                NoSession = OptionalBool(tree, NoSession, treePath) ?? false,
                MustRun = OptionalBool(tree, MustRun, treePath) ?? false,
            };
            var residual = new List<JsonProperty>();
            if (uiConfig is not { } ui) return (settings, residual);

            var uiPath = Field(treePath, UiConfig);
            foreach (var property in ui.EnumerateObject())
            {
                var path = Field(uiPath, property.Name);
                var value = property.Value;
                switch (property.Name)
                {
                    case Categories:
                        if (ReadCategories(value, path) is { } categories) settings = settings with { Categories = categories };
                        break;
                    case RealmDefault:
                        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
                            settings = settings with { IsRealmDefault = value.GetBoolean() };
                        else if (value.ValueKind == JsonValueKind.String && bool.TryParse(value.GetString(), out var isDefault))
                            settings = settings with { IsRealmDefault = isDefault };
                        else if (value.ValueKind != JsonValueKind.Null)
                            Error(path, $"expected \"true\" or \"false\", found {Show(value)}");
                        break;
                    case ThemeOverride:
                        if (value.ValueKind == JsonValueKind.String)
                            settings = settings with { ThemeOverride = value.GetString() is { Length: > 0 } theme ? theme : null };
                        else if (value.ValueKind != JsonValueKind.Null)
                            WrongType(path, "the theme name as a string", value);
                        break;
                    case MaximumSessionDuration:
                        if (ReadMinutes(value) is { } minutes)
                            settings = settings with { MaximumSessionDurationMinutes = minutes };
                        else if (value.ValueKind != JsonValueKind.Null)
                            Error(path, $"expected a whole number of minutes greater than 0 such as \"120\", found {Show(value)}");
                        break;
                    default:
                        residual.Add(property);
                        break;
                }
            }
            return (settings, residual);
        }

        private IReadOnlyList<string>? ReadCategories(JsonElement value, string path)
        {
            const string expected = "a JSON array of strings encoded in a string, such as \"[\\\"Frodo\\\"]\"";
            if (value.ValueKind == JsonValueKind.Null) return null;
            if (value.ValueKind == JsonValueKind.Array) return StringList(value) ?? Fail();
            if (value.ValueKind != JsonValueKind.String) return Fail();
            var text = value.GetString()!;
            if (string.IsNullOrWhiteSpace(text)) return [];
            if (!StrictJson.TryParse(text, out var inner, out _)) return Fail();
            using (inner)
                return inner.RootElement.ValueKind == JsonValueKind.Array ? StringList(inner.RootElement) ?? Fail() : Fail();

            IReadOnlyList<string>? Fail()
            {
                Error(path, $"expected {expected}, found {Show(value)}");
                return null;
            }
        }

        private static IReadOnlyList<string>? StringList(JsonElement array) =>
            array.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String)
                ? array.EnumerateArray().Select(e => e.GetString()!).ToImmutableList()
                : null;

        private static int? ReadMinutes(JsonElement value)
        {
            int minutes;
            if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out minutes)) { }
            else if (value.ValueKind == JsonValueKind.String
                     && int.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out minutes)) { }
            else return null;
            return minutes > 0 ? minutes : null;
        }

        private ImmutableList<JourneyNode> ReadNodes(JsonElement? layout, string nodesPath, ConfigSections configs)
        {
            if (layout is not { } entries) return [];

            // Every id in the journey, so that a Page child reusing a top-level id is caught whatever the order.
            var usedIds = new HashSet<string>(entries.EnumerateObject().Select(e => e.Name), StringComparer.Ordinal);
            var nodes = ImmutableList.CreateBuilder<JourneyNode>();
            foreach (var entry in entries.EnumerateObject())
            {
                var path = Key(nodesPath, entry.Name);
                if (entry.Name.Length == 0)
                    Error(path, "expected a node id as the key, found an empty string");
                else if (StaticNodeIds.IsStatic(entry.Name))
                    Error(path, $"'{entry.Name}' is the fixed id of a Start/Success/Failure node; expected those only under staticNodes");
                else if (entry.Value.ValueKind != JsonValueKind.Object)
                    WrongType(path, "an object with nodeType, displayName, connections, x and y", entry.Value);
                else if (ReadTreeNode(entry.Name, entry.Value, path, configs, usedIds) is { } node)
                    nodes.Add(node);
            }
            return nodes.ToImmutable();
        }

        private JourneyNode? ReadTreeNode(string id, JsonElement entry, string path, ConfigSections configs, HashSet<string> usedIds)
        {
            var nodeType = RequiredString(entry, NodeType, path, "the node type id such as \"DataStoreDecisionNode\"");
            var displayName = OptionalString(entry, DisplayName, path) ?? "";
            var x = OptionalNumber(entry, X, path) ?? 0;
            var y = OptionalNumber(entry, Y, path) ?? 0;
            var version = OptionalString(entry, NodeVersion, path);
            var connections = ReadConnections(entry, path);
            if (nodeType is null) return null;

            var node = new JourneyNode
            {
                Id = id,
                NodeType = nodeType,
                DisplayName = displayName,
                X = x,
                Y = y,
                NodeVersion = version,
                Connections = connections,
            };

            if (configs.Find(id, topLevel: true) is not { } found)
            {
                if (IsKnown(catalog, nodeType, topLevel: true)) return node; // e.g. Data Store Decision: AM stores no fields
                Error(Key(Field(configs.ExportPath, Nodes), id),
                    $"missing: tree node '{id}' (\"{displayName}\") has type '{nodeType}', which this studio does not know, "
                    + "and the export has no config for it; expected its config object (with _type and _outcomes) here");
                return null;
            }

            return ReadConfig(node, found.Config, found.Path, topLevel: true, configs, usedIds);
        }

        private ImmutableDictionary<string, string> ReadConnections(JsonElement entry, string path)
        {
            var connections = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
            if (OptionalValue(entry, Connections, path, JsonValueKind.Object, "an object mapping outcome ids to target node ids") is not { } map)
                return connections.ToImmutable();
            var mapPath = Field(path, Connections);
            foreach (var connection in map.EnumerateObject())
            {
                if (connection.Value.ValueKind == JsonValueKind.String && connection.Value.GetString() is { Length: > 0 } target)
                    connections[connection.Name] = target;
                else
                    Error(Key(mapPath, connection.Name), $"expected the target node id as a non-empty string, found {Show(connection.Value)}");
            }
            return connections.ToImmutable();
        }

        /// <summary>Fills in a node's config (and a top-level Page node's children) from its config object.</summary>
        private JourneyNode? ReadConfig(JourneyNode node, JsonElement config, string configPath, bool topLevel, ConfigSections configs, HashSet<string> usedIds)
        {
            if (config.ValueKind != JsonValueKind.Object)
            {
                WrongType(configPath, $"the config object of node '{node.Id}'", config);
                return null;
            }

            CheckConfigIdentity(node, config, configPath);
            var known = IsKnown(catalog, node.NodeType, topLevel);
            var isPage = topLevel && node.NodeType == NodeCatalog.PageNodeType;
            var values = new List<KeyValuePair<string, JsonElement>>();
            IReadOnlyList<JourneyNode> children = [];
            foreach (var property in config.EnumerateObject())
            {
                if (isPage && property.Name == Nodes)
                    children = ReadPageChildren(node, property.Value, Field(configPath, Nodes), configs, usedIds);
                else if (!IsRegeneratedConfigField(property.Name, known, isPage))
                    values.Add(KeyValuePair.Create(property.Name, property.Value));
            }
            return node with { Config = NodeConfig.From(values), Children = children };
        }

        private void CheckConfigIdentity(JourneyNode node, JsonElement config, string configPath)
        {
            if (config.TryGetProperty(Id, out var id) && id.ValueKind != JsonValueKind.Null
                && (id.ValueKind != JsonValueKind.String || id.GetString() != node.Id))
                Error(Field(configPath, Id), $"expected the node id '{node.Id}' (the key of this config), found {Show(id)}");

            if (config.TryGetProperty(TypeField, out var type) && type.ValueKind != JsonValueKind.Null)
            {
                if (type.ValueKind != JsonValueKind.Object)
                    WrongType(Field(configPath, TypeField), "an object such as {\"_id\": \"<nodeType>\", \"name\": \"…\", \"collection\": true}", type);
                else if (type.TryGetProperty(Id, out var typeId) && typeId.ValueKind == JsonValueKind.String && typeId.GetString() != node.NodeType)
                    Error(Field(Field(configPath, TypeField), Id),
                        $"'{typeId.GetString()}' does not match the node type '{node.NodeType}' the tree gives node '{node.Id}'; expected the same type");
            }

            if (config.TryGetProperty(Outcomes, out var outcomes) && outcomes.ValueKind is not (JsonValueKind.Array or JsonValueKind.Null))
                WrongType(Field(configPath, Outcomes), "an array of {\"id\", \"displayName\"} outcomes", outcomes);
        }

        private IReadOnlyList<JourneyNode> ReadPageChildren(JourneyNode page, JsonElement list, string listPath, ConfigSections configs, HashSet<string> usedIds)
        {
            if (list.ValueKind == JsonValueKind.Null) return [];
            if (list.ValueKind != JsonValueKind.Array)
            {
                WrongType(listPath, "an array of the page's child nodes ({\"_id\", \"nodeType\", \"displayName\"})", list);
                return [];
            }

            var children = ImmutableList.CreateBuilder<JourneyNode>();
            var index = 0;
            foreach (var entry in list.EnumerateArray())
            {
                var entryPath = Index(listPath, index++);
                if (entry.ValueKind != JsonValueKind.Object)
                {
                    WrongType(entryPath, "an object {\"_id\", \"nodeType\", \"displayName\"} naming a child node", entry);
                    continue;
                }
                var childId = RequiredString(entry, Id, entryPath, "the child node's id");
                var childType = RequiredString(entry, NodeType, entryPath, "the child node's type id such as \"ValidatedUsernameNode\"");
                var displayName = OptionalString(entry, DisplayName, entryPath) ?? "";
                var version = OptionalString(entry, NodeVersion, entryPath);
                if (childId is null || childType is null) continue;

                if (!usedIds.Add(childId))
                {
                    Error(Field(entryPath, Id), $"node id '{childId}' is used more than once in this journey; expected every node, Page children included, to have its own id");
                    continue;
                }

                if (configs.Find(childId, topLevel: false) is not { } found)
                {
                    Error(Key(Field(configs.ExportPath, InnerNodes), childId),
                        $"missing: Page node '{page.Id}' (\"{page.DisplayName}\") lists child '{childId}' ({childType}), "
                        + "but the export has no config for it; expected its config object in innerNodes");
                    continue;
                }

                var child = new JourneyNode { Id = childId, NodeType = childType, DisplayName = displayName, NodeVersion = version };
                if (ReadConfig(child, found.Config, found.Path, topLevel: false, configs, usedIds) is { } read)
                    children.Add(read);
            }
            return children.ToImmutable();
        }

        private Journey ReadStaticNodes(Journey journey, JsonElement? staticNodes, string path, out List<JsonProperty> residual)
        {
            residual = [];
            if (staticNodes is not { } entries) return journey;
            foreach (var entry in entries.EnumerateObject())
            {
                if (!StaticNodeIds.IsStatic(entry.Name))
                {
                    residual.Add(entry);
                    continue;
                }
                var entryPath = Key(path, entry.Name);
                if (entry.Value.ValueKind != JsonValueKind.Object)
                {
                    WrongType(entryPath, "an object with the position x and y", entry.Value);
                    continue;
                }
                var position = new NodePosition(OptionalNumber(entry.Value, X, entryPath) ?? 0, OptionalNumber(entry.Value, Y, entryPath) ?? 0);
                journey = entry.Name switch
                {
                    StaticNodeIds.Start => journey with { StartPosition = position },
                    StaticNodeIds.Success => journey with { SuccessPosition = position },
                    _ => journey with { FailurePosition = position },
                };
            }
            return journey;
        }

        // Field readers: absent or null means "not given"; a value of the wrong type is an error.

        private JsonElement? OptionalValue(JsonElement parent, string name, string parentPath, JsonValueKind kind, string expected)
        {
            if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
            if (value.ValueKind == kind) return value;
            WrongType(Field(parentPath, name), expected, value);
            return null;
        }

        private string? OptionalString(JsonElement parent, string name, string parentPath) =>
            OptionalValue(parent, name, parentPath, JsonValueKind.String, "a string")?.GetString();

        private string? RequiredString(JsonElement parent, string name, string parentPath, string expected)
        {
            if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                Error(Field(parentPath, name), $"missing: expected {expected}");
                return null;
            }
            if (value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text) return text;
            Error(Field(parentPath, name), $"expected {expected}, found {Show(value)}");
            return null;
        }

        private bool? OptionalBool(JsonElement parent, string name, string parentPath)
        {
            if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
            if (value.ValueKind is JsonValueKind.True or JsonValueKind.False) return value.GetBoolean();
            Error(Field(parentPath, name), $"expected true or false, found {Show(value)}");
            return null;
        }

        private double? OptionalNumber(JsonElement parent, string name, string parentPath)
        {
            if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
            if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number)) return number;
            Error(Field(parentPath, name), $"expected a number (canvas position in pixels), found {Show(value)}");
            return null;
        }

        /// <summary>A short rendering of a found value for messages: its JSON text, or its kind when long.</summary>
        private static string Show(JsonElement value)
        {
            var text = value.GetRawText();
            return value.ValueKind is JsonValueKind.Object or JsonValueKind.Array || text.Length > 60
                ? Describe(value.ValueKind)
                : $"{Describe(value.ValueKind)} {text}";
        }

        private static JsonElement ToObject(IEnumerable<JsonProperty> properties) =>
            JsonSerializer.SerializeToElement(properties.ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal));
    }

    /// <summary>The <c>nodes</c> and <c>innerNodes</c> sections of one journey's export.</summary>
    private sealed record ConfigSections(string ExportPath, JsonElement? Nodes, JsonElement? InnerNodes)
    {
        /// <summary>
        /// A node's config object and where it was found. Top-level nodes are looked up in <c>nodes</c> first,
        /// Page children in <c>innerNodes</c> first; either is tolerated in the other section.
        /// </summary>
        public (JsonElement Config, string Path)? Find(string id, bool topLevel)
        {
            var (first, firstName, second, secondName) = topLevel
                ? (Nodes, FrodoFormat.Nodes, InnerNodes, FrodoFormat.InnerNodes)
                : (InnerNodes, FrodoFormat.InnerNodes, Nodes, FrodoFormat.Nodes);
            if (first is { } a && a.TryGetProperty(id, out var config)) return (config, Key(Field(ExportPath, firstName), id));
            if (second is { } b && b.TryGetProperty(id, out config)) return (config, Key(Field(ExportPath, secondName), id));
            return null;
        }
    }
}
