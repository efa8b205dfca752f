using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using JourneyStudio.Journeys.Model;

namespace JourneyStudio.Journeys.Catalog;

/// <summary>
/// What a config record type says about its node's config: the <see cref="ConfigProperty"/> list the palette, property panel
/// and validation use, and how a stored config (AM's JSON, unknown properties included) binds to a record. Built once per
/// record type by reflection over its <see cref="NodePropertyAttribute"/> properties; a record that cannot be described
/// (an unsupported property type, a choice member without its AM value, a name used twice) fails here, at start-up.
/// </summary>
internal sealed class ConfigSchema
{
    private static readonly ConcurrentDictionary<Type, ConfigSchema> Schemas = new();

    private readonly Type _type;
    private readonly IReadOnlyList<Member> _members;

    private ConfigSchema(Type type)
    {
        _type = type;
        if (type.GetConstructor(Type.EmptyTypes) is null)
            throw Invalid(type, "needs a parameterless constructor (a record with init properties and initializers)");
        var defaults = Activator.CreateInstance(type)!;
        var members = new List<Member>();
        foreach (var property in DeclaredInOrder(type))
        {
            var group = property.GetCustomAttribute<NodePropertyGroupAttribute>();
            var attribute = property.GetCustomAttribute<NodePropertyAttribute>();
            if (group is not null && attribute is not null)
                throw Invalid(type, $"property {property.Name} is both a [NodeProperty] and a [NodePropertyGroup]");
            if (group is not null)
                members.Add(new GroupMember(property, For(property.PropertyType)));
            else if (attribute is not null)
                members.Add(ValueMember.Create(type, property, attribute, property.GetValue(defaults)));
            else if (property.SetMethod is { IsPublic: true })
                throw Invalid(type, $"property {property.Name} can be set but is neither a [NodeProperty] nor a [NodePropertyGroup]");
        }
        _members = members;
        Properties = members.SelectMany(m => m.Properties).ToList();
        var repeated = Properties.GroupBy(p => p.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null) throw Invalid(type, $"the config property name '{repeated.Key}' is used twice");
    }

    public static ConfigSchema For(Type type) => Schemas.GetOrAdd(type, t => new ConfigSchema(t));

    /// <summary>Every config property, in the order the property panel shows them (groups flattened in place).</summary>
    public IReadOnlyList<ConfigProperty> Properties { get; }

    /// <summary>
    /// A record holding the stored values; an absent value, or one of the wrong shape, keeps the record's default
    /// (validation reports the wrong shape; the node still runs as AM would with its default).
    /// </summary>
    public object Bind(NodeConfig config)
    {
        var instance = Activator.CreateInstance(_type)!;
        foreach (var member in _members)
            member.BindInto(instance, config);
        return instance;
    }

    private static IEnumerable<PropertyInfo> DeclaredInOrder(Type type)
    {
        var chain = new Stack<Type>();
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType) chain.Push(t);
        // Metadata tokens follow declaration order within a type; a base record's properties come first.
        return chain.SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .OrderBy(p => p.MetadataToken));
    }

    private static InvalidOperationException Invalid(Type type, string problem) =>
        new($"Node config record {type.Name} {problem}.");

    private abstract class Member(PropertyInfo property)
    {
        protected PropertyInfo Property { get; } = property;

        public abstract IEnumerable<ConfigProperty> Properties { get; }

        public abstract void BindInto(object instance, NodeConfig config);
    }

    private sealed class GroupMember(PropertyInfo property, ConfigSchema group) : Member(property)
    {
        public override IEnumerable<ConfigProperty> Properties => group.Properties;

        public override void BindInto(object instance, NodeConfig config) => Property.SetValue(instance, group.Bind(config));
    }

    /// <summary>One stored property: how its JSON reads into the CLR value and how the default is written.</summary>
    private sealed class ValueMember : Member
    {
        private readonly ConfigProperty _schema;
        private readonly ValueShape _shape;
        private readonly object? _default;

        private ValueMember(PropertyInfo property, ConfigProperty schema, ValueShape shape, object? defaultValue) : base(property)
        {
            _schema = schema;
            _shape = shape;
            _default = defaultValue;
        }

        public override IEnumerable<ConfigProperty> Properties => [_schema];

        public static ValueMember Create(Type owner, PropertyInfo property, NodePropertyAttribute attribute, object? defaultValue)
        {
            if (property.SetMethod is null)
                throw Invalid(owner, $"property {property.Name} needs an init accessor");
            var shape = ValueShape.For(owner, property.PropertyType, attribute);
            var kind = attribute.Kind == NodePropertyAttribute.InferredKind ? shape.Kind : attribute.Kind;
            if (kind != shape.Kind && !(shape.Kind == ConfigValueKind.Text && kind is ConfigValueKind.JourneyReference or ConfigValueKind.JsonText))
                throw Invalid(owner, $"property {property.Name} of type {property.PropertyType.Name} cannot be a {kind} property");
            var hasBounds = attribute.Minimum != long.MinValue || attribute.Maximum != long.MaxValue;
            if (hasBounds && kind != ConfigValueKind.Integer)
                throw Invalid(owner, $"property {property.Name} has bounds but is not a number");
            if (attribute.StoredAsString && kind != ConfigValueKind.Integer)
                throw Invalid(owner, $"property {property.Name} is StoredAsString but is not a number");
            if (string.IsNullOrWhiteSpace(attribute.Help))
                throw Invalid(owner, $"property {property.Name} has no help text");

            var schema = new ConfigProperty
            {
                Name = attribute.Name,
                Label = attribute.Label,
                Kind = kind,
                Default = defaultValue is null ? null : shape.Write(defaultValue, attribute.StoredAsString),
                Help = kind == ConfigValueKind.LocalizedText ? LocalizedHelp(attribute.Help, ((LocalizedText?)defaultValue)?.Fallback) : attribute.Help,
                Required = attribute.Required,
                Minimum = attribute.Minimum == long.MinValue ? null : attribute.Minimum,
                Maximum = attribute.Maximum == long.MaxValue ? null : attribute.Maximum,
                Options = shape.Options,
                Pattern = attribute.Pattern,
                PatternDescription = attribute.PatternDescription,
                StoredAsString = attribute.StoredAsString,
                Multiline = attribute.Multiline,
            };
            return new ValueMember(property, schema, shape, defaultValue);
        }

        public override void BindInto(object instance, NodeConfig config)
        {
            if (config.Get(_schema.Name) is { } stored && _shape.TryRead(stored, _default, out var value))
                Property.SetValue(instance, value);
        }

        private static string LocalizedHelp(string help, string? fallback) => string.IsNullOrEmpty(fallback)
            ? $"{help} Keys are locales such as en or en-gb."
            : $"{help} Keys are locales such as en or en-gb; leave empty for the default \"{fallback}\".";
    }

    /// <summary>The JSON shapes one CLR property type reads from and writes to.</summary>
    private abstract class ValueShape
    {
        public abstract ConfigValueKind Kind { get; }

        public virtual IReadOnlyList<ChoiceOption> Options => [];

        public abstract bool TryRead(JsonElement stored, object? defaultValue, out object? value);

        public abstract JsonElement Write(object value, bool asString);

        public static ValueShape For(Type owner, Type type, NodePropertyAttribute attribute)
        {
            var underlying = Nullable.GetUnderlyingType(type) ?? type;
            if (underlying == typeof(string)) return new TextShape();
            if (underlying == typeof(bool)) return new BooleanShape();
            if (underlying == typeof(int) || underlying == typeof(long) || underlying == typeof(decimal)) return new NumberShape(underlying);
            if (underlying == typeof(IReadOnlyList<string>)) return new TextListShape();
            if (underlying == typeof(LocalizedText)) return new LocalizedShape();
            if (underlying.IsEnum) return new ChoiceShape(owner, underlying);
            throw Invalid(owner, $"property for '{attribute.Name}' has the type {type.Name}, which no config editor supports");
        }
    }

    private sealed class TextShape : ValueShape
    {
        public override ConfigValueKind Kind => ConfigValueKind.Text;

        public override bool TryRead(JsonElement stored, object? defaultValue, out object? value)
        {
            value = stored.ValueKind == JsonValueKind.String ? stored.GetString() : null;
            return value is not null;
        }

        public override JsonElement Write(object value, bool asString) => NodeConfig.ToElement((string)value);
    }

    private sealed class BooleanShape : ValueShape
    {
        public override ConfigValueKind Kind => ConfigValueKind.Boolean;

        // AM's REST API accepts "true"/"false" strings too, and older exports carry them.
        public override bool TryRead(JsonElement stored, object? defaultValue, out object? value)
        {
            value = stored.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.String when bool.TryParse(stored.GetString(), out var parsed) => parsed,
                _ => null,
            };
            return value is not null;
        }

        public override JsonElement Write(object value, bool asString) => NodeConfig.ToElement((bool)value);
    }

    private sealed class NumberShape(Type type) : ValueShape
    {
        public override ConfigValueKind Kind => ConfigValueKind.Integer;

        public override bool TryRead(JsonElement stored, object? defaultValue, out object? value)
        {
            value = null;
            decimal number;
            if (stored.ValueKind == JsonValueKind.Number && stored.TryGetDecimal(out var fromNumber)) number = fromNumber;
            else if (stored.ValueKind == JsonValueKind.String
                     && decimal.TryParse(stored.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var fromText)) number = fromText;
            else return false;

            if (type == typeof(decimal)) value = number;
            else if (number != decimal.Truncate(number)) return false;
            else if (type == typeof(int) && number is >= int.MinValue and <= int.MaxValue) value = (int)number;
            else if (type == typeof(long) && number is >= long.MinValue and <= long.MaxValue) value = (long)number;
            return value is not null;
        }

        public override JsonElement Write(object value, bool asString)
        {
            var number = Convert.ToDecimal(value, CultureInfo.InvariantCulture);
            return asString
                ? NodeConfig.ToElement(number.ToString(CultureInfo.InvariantCulture))
                : number == decimal.Truncate(number) ? NodeConfig.ToElement((long)number) : NodeConfig.ToElement(number);
        }
    }

    private sealed class TextListShape : ValueShape
    {
        public override ConfigValueKind Kind => ConfigValueKind.TextList;

        public override bool TryRead(JsonElement stored, object? defaultValue, out object? value)
        {
            value = stored.ValueKind == JsonValueKind.Array && stored.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String)
                ? stored.EnumerateArray().Select(e => e.GetString()!).ToList()
                : null;
            return value is not null;
        }

        public override JsonElement Write(object value, bool asString) => NodeConfig.ToElement((IReadOnlyList<string>)value);
    }

    private sealed class LocalizedShape : ValueShape
    {
        public override ConfigValueKind Kind => ConfigValueKind.LocalizedText;

        public override bool TryRead(JsonElement stored, object? defaultValue, out object? value)
        {
            value = null;
            if (stored.ValueKind != JsonValueKind.Object || stored.EnumerateObject().Any(p => p.Value.ValueKind != JsonValueKind.String))
                return false;
            var messages = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var entry in stored.EnumerateObject()) messages[entry.Name] = entry.Value.GetString()!;
            value = ((LocalizedText?)defaultValue ?? new LocalizedText()).WithMessages(messages);
            return true;
        }

        public override JsonElement Write(object value, bool asString) => NodeConfig.ToElement(((LocalizedText)value).Messages);
    }

    private sealed class ChoiceShape : ValueShape
    {
        private readonly Dictionary<string, object> _byValue = new(StringComparer.Ordinal);
        private readonly Dictionary<object, string> _byMember = [];

        public ChoiceShape(Type owner, Type enumType)
        {
            var options = new List<ChoiceOption>();
            foreach (var field in enumType.GetFields(BindingFlags.Public | BindingFlags.Static).OrderBy(f => f.MetadataToken))
            {
                var choice = field.GetCustomAttribute<ChoiceValueAttribute>()
                    ?? throw Invalid(owner, $"uses the enum {enumType.Name}, whose member {field.Name} has no [ChoiceValue]");
                var member = field.GetValue(null)!;
                _byValue.Add(choice.Value, member);
                _byMember.Add(member, choice.Value);
                options.Add(new ChoiceOption(choice.Value, choice.Label));
            }
            Options = options;
        }

        public override ConfigValueKind Kind => ConfigValueKind.Choice;

        public override IReadOnlyList<ChoiceOption> Options { get; }

        public override bool TryRead(JsonElement stored, object? defaultValue, out object? value)
        {
            value = stored.ValueKind == JsonValueKind.String && _byValue.TryGetValue(stored.GetString()!, out var member) ? member : null;
            return value is not null;
        }

        public override JsonElement Write(object value, bool asString) => NodeConfig.ToElement(_byMember[value]);
    }
}
