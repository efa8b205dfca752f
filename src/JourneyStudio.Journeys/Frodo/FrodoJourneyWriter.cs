using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Model;
using static JourneyStudio.Journeys.Frodo.FrodoFormat;

namespace JourneyStudio.Journeys.Frodo;

/// <summary>
/// Writes journeys in the frodo export formats that <see cref="FrodoJourneyReader"/> reads (and that frodo
/// and AM import): the single-journey export and the multi-journey export.
/// </summary>
/// <remarks>
/// Known node types get AM's generated config fields back (<c>_id</c>, <c>_type</c>, <c>_outcomes</c> from the
/// catalogue); unknown types are written exactly as imported. Tree fields, uiConfig keys, staticNodes entries and
/// export sections the model keeps aside (see <see cref="FrodoJourneyReader"/>) are written back untouched.
/// </remarks>
public static class FrodoJourneyWriter
{
    public const string ExportTool = "JourneyStudio";

    // Relaxed escaping keeps HTML in page descriptions and non-ASCII messages readable, as frodo's files are.
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly JsonSerializerOptions CompactOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The studio version written to <c>meta.exportToolVersion</c>.</summary>
    public static string ExportToolVersion { get; } =
        typeof(FrodoJourneyWriter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";

    /// <summary>A single-journey export: <c>{meta, tree, nodes, innerNodes, scripts, …}</c>.</summary>
    /// <exception cref="ArgumentException">The journey cannot be expressed in the format (no name, a node id used twice, a position that is not a number).</exception>
    public static string WriteSingle(Journey journey, NodeCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(journey);
        CheckWritable(journey);
        var nodeCatalog = catalog ?? NodeCatalog.Default;
        return Write(writer =>
        {
            writer.WriteStartObject();
            WriteMeta(writer);
            WriteExportBody(writer, journey, nodeCatalog);
            writer.WriteEndObject();
        });
    }

    /// <summary>A multi-journey export: <c>{meta, trees: {name: {tree, nodes, innerNodes, scripts, …}}}</c>.</summary>
    /// <exception cref="ArgumentException">Two journeys share a name, or a journey cannot be expressed in the format.</exception>
    public static string WriteMulti(IEnumerable<Journey> journeys, NodeCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(journeys);
        var list = journeys.ToList();
        foreach (var journey in list) CheckWritable(journey);
        if (list.GroupBy(j => j.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
            throw new ArgumentException($"Two journeys are named '{duplicate.Key}'; a multi-journey export names each journey once.", nameof(journeys));

        var nodeCatalog = catalog ?? NodeCatalog.Default;
        return Write(writer =>
        {
            writer.WriteStartObject();
            WriteMeta(writer);
            writer.WriteStartObject(Trees);
            foreach (var journey in list)
            {
                writer.WriteStartObject(journey.Name);
                WriteExportBody(writer, journey, nodeCatalog);
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
            writer.WriteEndObject();
        });
    }

    private static void CheckWritable(Journey journey)
    {
        ArgumentNullException.ThrowIfNull(journey);
        if (string.IsNullOrEmpty(journey.Name))
            throw new ArgumentException("A journey without a name cannot be exported; AM identifies trees by name.", nameof(journey));
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in journey.AllNodes())
        {
            if (!ids.Add(node.Id))
                throw new ArgumentException($"Journey '{journey.Name}' uses node id '{node.Id}' twice; an export needs unique node ids.", nameof(journey));
            if (!double.IsFinite(node.X) || !double.IsFinite(node.Y))
                throw new ArgumentException($"Node '{node.Id}' of journey '{journey.Name}' has a position that is not a finite number.", nameof(journey));
        }
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            write(writer);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteMeta(Utf8JsonWriter writer)
    {
        writer.WriteStartObject(Meta);
        writer.WriteString("origin", ExportTool);
        writer.WriteString("exportTool", ExportTool);
        writer.WriteString("exportToolVersion", ExportToolVersion);
        writer.WriteString("exportDate", DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        writer.WriteEndObject();
    }

    /// <summary>The part of an export that is per journey: tree, node configs and dependency sections.</summary>
    private static void WriteExportBody(Utf8JsonWriter writer, Journey journey, NodeCatalog catalog)
    {
        WriteTree(writer, journey);

        writer.WriteStartObject(Nodes);
        foreach (var node in journey.Nodes)
            WriteConfig(writer, node, catalog, topLevel: true);
        writer.WriteEndObject();

        writer.WriteStartObject(InnerNodes);
        foreach (var child in journey.Nodes.SelectMany(n => n.Children))
            WriteConfig(writer, child, catalog, topLevel: false);
        writer.WriteEndObject();

        // frodo always writes its dependency sections, empty when the journey has none.
        foreach (var (name, kind) in StandardSections)
        {
            writer.WritePropertyName(name);
            if (journey.ExtraExportSections.TryGetValue(name, out var section)) section.WriteTo(writer);
            else if (kind == JsonValueKind.Array) { writer.WriteStartArray(); writer.WriteEndArray(); }
            else { writer.WriteStartObject(); writer.WriteEndObject(); }
        }
        foreach (var (name, section) in journey.ExtraExportSections.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            if (name is Meta or Tree or Trees or Nodes or InnerNodes || StandardSections.Any(s => s.Name == name)) continue;
            writer.WritePropertyName(name);
            section.WriteTo(writer);
        }
    }

    private static void WriteTree(Utf8JsonWriter writer, Journey journey)
    {
        var extras = journey.ExtraTreeFields
            .Where(f => !InterpretedTreeFields.Contains(f.Key) && f.Key is not UiConfig and not StaticNodes)
            .OrderBy(f => f.Key, StringComparer.Ordinal)
            .ToList();

        writer.WriteStartObject(Tree);
        writer.WriteString(Id, journey.Name);
        // AM's own underscore fields (_rev) next to _id, the rest after the fields the model owns.
        foreach (var (name, value) in extras.Where(f => f.Key.StartsWith('_')))
        {
            writer.WritePropertyName(name);
            value.WriteTo(writer);
        }
        if (journey.Description.Length > 0) writer.WriteString(Description, journey.Description);
        writer.WriteString(IdentityResource, journey.Settings.IdentityResource);
        WriteUiConfig(writer, journey);
        writer.WriteString(EntryNodeId, journey.EntryNodeId);
        writer.WriteBoolean(Enabled, journey.Settings.Enabled);
        writer.WriteBoolean(InnerTreeOnly, journey.Settings.InnerTreeOnly);
        writer.WriteBoolean(MustRun, journey.Settings.MustRun);
        writer.WriteBoolean(NoSession, journey.Settings.NoSession);

        writer.WriteStartObject(Nodes);
        foreach (var node in journey.Nodes)
            WriteLayoutNode(writer, node);
        writer.WriteEndObject();

        WriteStaticNodes(writer, journey);

        foreach (var (name, value) in extras.Where(f => !f.Key.StartsWith('_')))
        {
            writer.WritePropertyName(name);
            value.WriteTo(writer);
        }
        writer.WriteEndObject();
    }

    private static void WriteUiConfig(Utf8JsonWriter writer, Journey journey)
    {
        var settings = journey.Settings;
        writer.WriteStartObject(UiConfig);
        // AM keeps categories as a JSON array encoded in a string.
        if (settings.Categories.Count > 0)
            writer.WriteString(Categories, JsonSerializer.Serialize(settings.Categories, CompactOptions));
        if (settings.IsRealmDefault) writer.WriteString(RealmDefault, "true");
        if (!string.IsNullOrEmpty(settings.ThemeOverride)) writer.WriteString(ThemeOverride, settings.ThemeOverride);
        if (settings.MaximumSessionDurationMinutes is { } minutes)
            writer.WriteString(MaximumSessionDuration, minutes.ToString(CultureInfo.InvariantCulture));
        if (journey.ExtraTreeFields.TryGetValue(UiConfig, out var residual) && residual.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in residual.EnumerateObject())
            {
                if (property.Name is Categories or RealmDefault or ThemeOverride or MaximumSessionDuration) continue;
                property.WriteTo(writer);
            }
        }
        writer.WriteEndObject();
    }

    private static void WriteLayoutNode(Utf8JsonWriter writer, JourneyNode node)
    {
        writer.WriteStartObject(node.Id);
        writer.WriteStartObject(Connections);
        foreach (var (outcome, target) in node.Connections.OrderBy(c => c.Key, StringComparer.Ordinal))
            writer.WriteString(outcome, target);
        writer.WriteEndObject();
        writer.WriteString(DisplayName, node.DisplayName);
        writer.WriteString(NodeType, node.NodeType);
        if (node.NodeVersion is not null) writer.WriteString(NodeVersion, node.NodeVersion);
        writer.WriteNumber(X, node.X);
        writer.WriteNumber(Y, node.Y);
        writer.WriteEndObject();
    }

    private static void WriteStaticNodes(Utf8JsonWriter writer, Journey journey)
    {
        writer.WriteStartObject(StaticNodes);
        WritePosition(writer, StaticNodeIds.Start, journey.StartPosition);
        WritePosition(writer, StaticNodeIds.Success, journey.SuccessPosition);
        WritePosition(writer, StaticNodeIds.Failure, journey.FailurePosition);
        if (journey.ExtraTreeFields.TryGetValue(StaticNodes, out var residual) && residual.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in residual.EnumerateObject())
                if (!StaticNodeIds.IsStatic(property.Name))
                    property.WriteTo(writer);
        }
        writer.WriteEndObject();
    }

    private static void WritePosition(Utf8JsonWriter writer, string id, NodePosition position)
    {
        writer.WriteStartObject(id);
        writer.WriteNumber(X, double.IsFinite(position.X) ? position.X : 0);
        writer.WriteNumber(Y, double.IsFinite(position.Y) ? position.Y : 0);
        writer.WriteEndObject();
    }

    /// <summary>One node config object as AM's node REST endpoint returns it.</summary>
    private static void WriteConfig(Utf8JsonWriter writer, JourneyNode node, NodeCatalog catalog, bool topLevel)
    {
        var known = IsKnown(catalog, node.NodeType, topLevel);
        var isPage = topLevel && node.NodeType == NodeCatalog.PageNodeType;

        writer.WriteStartObject(node.Id);
        writer.WriteString(Id, node.Id);
        foreach (var (name, value) in node.Config.Where(f => !IsRegeneratedConfigField(f.Key, known, isPage)))
        {
            writer.WritePropertyName(name);
            value.WriteTo(writer);
        }

        if (isPage)
        {
            writer.WriteStartArray(Nodes);
            foreach (var child in node.Children)
            {
                writer.WriteStartObject();
                writer.WriteString(Id, child.Id);
                writer.WriteString(NodeType, child.NodeType);
                writer.WriteString(DisplayName, child.DisplayName);
                if (child.NodeVersion is not null) writer.WriteString(NodeVersion, child.NodeVersion);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }

        if (known)
        {
            writer.WriteStartObject(TypeField);
            writer.WriteString(Id, node.NodeType);
            writer.WriteString(TypeName, catalog.Find(node.NodeType)?.DisplayName ?? (isPage ? DefaultPageDisplayName : node.NodeType));
            writer.WriteBoolean(TypeCollection, true);
            writer.WriteEndObject();

            writer.WriteStartArray(Outcomes);
            foreach (var outcome in catalog.GetOutcomes(node))
            {
                writer.WriteStartObject();
                writer.WriteString(OutcomeId, outcome.Id);
                writer.WriteString(DisplayName, outcome.Label);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }
}
