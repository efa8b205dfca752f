using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace JourneyStudio.Journeys.QueryFilters;

/// <summary>A comparison operator of IDM's query-filter syntax.</summary>
public enum QueryFilterOperator
{
    Equals,
    Contains,
    StartsWith,
    GreaterThan,
    GreaterOrEqual,
    LessThan,
    LessOrEqual,
}

/// <summary>
/// A parsed IDM (CREST) query filter, e.g. <c>!(/preferences pr) or /preferences/marketing eq false</c>, evaluated against
/// an object in IDM's shape (the identity as <see cref="JsonObject"/>). Parse with <see cref="QueryFilterParser"/>.
/// </summary>
/// <remarks>
/// Matching follows IDM on a directory-backed store: strings compare without regard to case, numbers by value, booleans
/// only for <c>eq</c>; a comparison with a value of another type is false; on a multi-valued (array) field a comparison is
/// true when any element matches; <c>pr</c> is true when the field exists and is not null.
/// </remarks>
public abstract record QueryFilter
{
    /// <summary>True when <paramref name="subject"/> satisfies the filter.</summary>
    public abstract bool Matches(JsonNode? subject);

    public sealed record Literal(bool Value) : QueryFilter
    {
        public override bool Matches(JsonNode? subject) => Value;
    }

    public sealed record And(QueryFilter Left, QueryFilter Right) : QueryFilter
    {
        public override bool Matches(JsonNode? subject) => Left.Matches(subject) && Right.Matches(subject);
    }

    public sealed record Or(QueryFilter Left, QueryFilter Right) : QueryFilter
    {
        public override bool Matches(JsonNode? subject) => Left.Matches(subject) || Right.Matches(subject);
    }

    public sealed record Not(QueryFilter Operand) : QueryFilter
    {
        public override bool Matches(JsonNode? subject) => !Operand.Matches(subject);
    }

    public sealed record Present(JsonPointerPath Field) : QueryFilter
    {
        public override bool Matches(JsonNode? subject) => Field.Resolve(subject) is not null;
    }

    /// <summary>A field compared with a literal; <paramref name="Value"/> is a string, a decimal or a bool.</summary>
    public sealed record Comparison(JsonPointerPath Field, QueryFilterOperator Operator, object Value) : QueryFilter
    {
        public override bool Matches(JsonNode? subject) => Field.Resolve(subject) switch
        {
            null => false,
            JsonArray values => values.Any(Compare),
            var single => Compare(single),
        };

        private bool Compare(JsonNode? node)
        {
            if (node is not JsonValue value) return false;
            switch (Value)
            {
                case string expected when value.GetValueKind() == JsonValueKind.String:
                    var actual = value.GetValue<string>();
                    return Operator switch
                    {
                        QueryFilterOperator.Contains => actual.Contains(expected, StringComparison.OrdinalIgnoreCase),
                        QueryFilterOperator.StartsWith => actual.StartsWith(expected, StringComparison.OrdinalIgnoreCase),
                        _ => Ordered(string.Compare(actual, expected, StringComparison.OrdinalIgnoreCase)),
                    };
                case decimal expected when value.GetValueKind() == JsonValueKind.Number
                                           && decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number):
                    return Operator is not (QueryFilterOperator.Contains or QueryFilterOperator.StartsWith) && Ordered(number.CompareTo(expected));
                case bool expected when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False:
                    return Operator == QueryFilterOperator.Equals && value.GetValue<bool>() == expected;
                default:
                    return false;
            }
        }

        private bool Ordered(int order) => Operator switch
        {
            QueryFilterOperator.Equals => order == 0,
            QueryFilterOperator.GreaterThan => order > 0,
            QueryFilterOperator.GreaterOrEqual => order >= 0,
            QueryFilterOperator.LessThan => order < 0,
            QueryFilterOperator.LessOrEqual => order <= 0,
            _ => false,
        };
    }
}

/// <summary>
/// A field path of a query filter: <c>/preferences/marketing</c> (JSON Pointer, <c>~1</c> and <c>~0</c> escapes) or the
/// bare <c>userName</c> IDM also accepts.
/// </summary>
public sealed record JsonPointerPath(IReadOnlyList<string> Segments)
{
    /// <summary>The node at the path, or null when a segment is missing, or the value is JSON null.</summary>
    public JsonNode? Resolve(JsonNode? subject)
    {
        var current = subject;
        foreach (var segment in Segments)
        {
            current = current switch
            {
                JsonObject obj => obj.TryGetPropertyValue(segment, out var child) ? child : null,
                JsonArray array when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < array.Count => array[index],
                _ => null,
            };
            if (current is null) return null;
        }
        return current;
    }

    public override string ToString() => "/" + string.Join("/", Segments.Select(s => s.Replace("~", "~0").Replace("/", "~1")));

    public bool Equals(JsonPointerPath? other) => other is not null && Segments.SequenceEqual(other.Segments);

    public override int GetHashCode() => Segments.Aggregate(17, (h, s) => h * 31 + s.GetHashCode(StringComparison.Ordinal));
}
