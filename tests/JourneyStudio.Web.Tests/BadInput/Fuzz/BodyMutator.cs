using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace JourneyStudio.Web.Tests.BadInput.Fuzz;

/// <summary>The kinds of damage done to a valid body; every target gets each kind in turn.</summary>
public enum Mutation
{
    LoneSurrogateInValue,
    LoneSurrogateInKey,
    DuplicateKey,
    DeepNesting,
    HugeNumber,
    WrongType,
    Null,
    VeryLongString,
    MissingOrExtraProperty,
    Truncation,
    InvalidUtf8,
    ByteOrderMark,
    EmptyBody,
    OtherRoot,
    ControlCharacters,
    LaxSyntax,
    ByteFlips,
    Combined,
}

/// <summary>
/// A seeded generator of damaged JSON bodies: structural damage is done on the parsed seed (and written by a writer
/// that can emit what System.Text.Json refuses to write: lone surrogates, repeated keys, raw tokens), byte damage on
/// the written text. The same seed gives the same bodies.
/// </summary>
public sealed class BodyMutator(int seed)
{
    private readonly Random _random = new(seed);

    private static readonly string[] LoneSurrogates = [@"\ud800", @"\udc00", @"x\ud83d", @"\udfffy", @"\ud800\ud800", @"\ude00\ud83d"];

    private static readonly string[] HugeNumbers =
    [
        "1e999999", "-1e-999999", "123456789012345678901234567890123456789", "9223372036854775808", "-9223372036854775809",
        "2147483648", "-0", "0.0000000000000000000000000001", "1E400", "4294967296", "1.5", "-1",
    ];

    private static readonly string[] WrongTypes = ["{}", "[]", "0", "true", "false", "\"\"", "\"x\"", "[1,\"a\",null,{}]", "{\"a\":{\"b\":[]}}"];

    private static readonly byte[][] InvalidUtf8Sequences =
    [
        [0xFF], [0xFE, 0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xE2, 0x82], [0x80], [0xF4, 0x90, 0x80, 0x80],
    ];

    private static readonly string[] OtherRoots = ["null", "[]", "\"text\"", "1", "true", "[{}]", "[[]]", "{}"];

    public byte[] Mutate(string seedJson, Mutation mutation)
    {
        var document = JsonNode.Parse(seedJson);
        var extras = new Dictionary<JsonObject, List<string>>(ReferenceEqualityComparer.Instance);
        switch (mutation)
        {
            case Mutation.LoneSurrogateInValue:
                ReplaceValue(ref document, _ => Raw($"\"{Pick(LoneSurrogates)}\""), preferStrings: true);
                return Write(document, extras);
            case Mutation.LoneSurrogateInKey:
                AddMember(ref document, extras, $"\"{Pick(LoneSurrogates)}\":\"v\"", renameExisting: true);
                return Write(document, extras);
            case Mutation.DuplicateKey:
                DuplicateMember(ref document, extras);
                return Write(document, extras);
            case Mutation.DeepNesting:
            {
                var depth = Pick([63, 64, 65, 200, 5_000, 60_000]);
                var open = _random.Next(2) == 0 ? '[' : '{';
                var nested = open == '['
                    ? new string('[', depth) + new string(']', depth)
                    : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);
                ReplaceValue(ref document, _ => Raw(nested), preferStrings: false);
                return Write(document, extras);
            }
            case Mutation.HugeNumber:
                ReplaceValue(ref document, _ => Raw(Pick(HugeNumbers)), preferStrings: false);
                return Write(document, extras);
            case Mutation.WrongType:
                ReplaceValue(ref document, _ => Raw(Pick(WrongTypes)), preferStrings: false);
                return Write(document, extras);
            case Mutation.Null:
                if (_random.Next(4) == 0) return "null"u8.ToArray();
                ReplaceValue(ref document, _ => null, preferStrings: false);
                return Write(document, extras);
            case Mutation.VeryLongString:
            {
                var length = Pick([1_000, 70_000, 300_000]);
                var unit = Pick(["a", "é", "😀", "\\u0000", "\\\""]);
                var text = new StringBuilder(length * unit.Length);
                while (text.Length < length) text.Append(unit);
                if (_random.Next(3) == 0) AddMember(ref document, extras, $"\"{text}\":1", renameExisting: false);
                else ReplaceValue(ref document, _ => Raw($"\"{text}\""), preferStrings: true);
                return Write(document, extras);
            }
            case Mutation.MissingOrExtraProperty:
                if (_random.Next(2) == 0) RemoveMember(document);
                else AddMember(ref document, extras, $"\"{Pick(["__proto__", "constructor", "", " ", "$ref", "a.b", "id"])}\":{Pick(WrongTypes)}", renameExisting: false);
                return Write(document, extras);
            case Mutation.Truncation:
            {
                var full = Write(document, extras);
                return full.AsSpan(0, _random.Next(full.Length)).ToArray();
            }
            case Mutation.InvalidUtf8:
            {
                var full = Write(document, extras);
                // Mostly inside a string, where a lax reader would pass the bytes on.
                var quotes = full.Select((b, i) => (b, i)).Where(p => p.b == (byte)'"').Select(p => p.i).ToList();
                var at = quotes.Count > 0 && _random.Next(4) != 0 ? quotes[_random.Next(quotes.Count)] + 1 : _random.Next(full.Length + 1);
                return [.. full.AsSpan(0, at), .. Pick(InvalidUtf8Sequences), .. full.AsSpan(at)];
            }
            case Mutation.ByteOrderMark:
            {
                var full = Write(document, extras);
                return _random.Next(5) switch
                {
                    0 => [0xEF, 0xBB, 0xBF, .. full],
                    1 => [0xFE, 0xFF, .. full],
                    2 => [0xFF, 0xFE, .. full],
                    3 => [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, .. full],
                    _ => [.. full.AsSpan(0, full.Length / 2), 0xEF, 0xBB, 0xBF, .. full.AsSpan(full.Length / 2)],
                };
            }
            case Mutation.EmptyBody:
                return Pick([""u8.ToArray(), " "u8.ToArray(), "\r\n\t"u8.ToArray(), [0xEF, 0xBB, 0xBF], [0]]);
            case Mutation.OtherRoot:
                return Encoding.UTF8.GetBytes(Pick(OtherRoots));
            case Mutation.ControlCharacters:
                ReplaceValue(ref document, _ => Raw(Pick(["\"a\u0001b\"", "\"line\nbreak\"", "\"\\u0000\"", "\"\\b\\f\\t\"", "\"tab\there\""])), preferStrings: true);
                return Write(document, extras);
            case Mutation.LaxSyntax:
            {
                var text = Encoding.UTF8.GetString(Write(document, extras));
                return Encoding.UTF8.GetBytes(_random.Next(5) switch
                {
                    0 => text.Length > 2 ? text[..^1] + ",}" : text + ",",
                    1 => "/* comment */" + text,
                    2 => text.Replace('"', '\''),
                    3 => text + text,
                    _ => text.Replace(":", ": NaN, \"x\":"),
                });
            }
            case Mutation.ByteFlips:
            {
                var full = Write(document, extras);
                for (var flips = _random.Next(1, 4); flips > 0 && full.Length > 0; flips--)
                    full[_random.Next(full.Length)] = (byte)_random.Next(256);
                return full;
            }
            case Mutation.Combined:
            {
                ReplaceValue(ref document, _ => Raw($"\"{Pick(LoneSurrogates)}\""), preferStrings: true);
                DuplicateMember(ref document, extras);
                var full = Write(document, extras);
                return _random.Next(2) == 0 ? [0xEF, 0xBB, 0xBF, .. full] : full;
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(mutation), mutation, null);
        }
    }

    private T Pick<T>(IReadOnlyList<T> choices) => choices[_random.Next(choices.Count)];

    /// <summary>A value written as it is (it may be anything, including what is not JSON).</summary>
    private static JsonNode Raw(string text) => JsonValue.Create(new RawText(text))!;

    private sealed record RawText(string Text);

    /// <summary>Every value slot in the tree, as (container, key or index, value).</summary>
    private static List<(JsonNode? Parent, object Slot, JsonNode? Value)> Slots(JsonNode? root)
    {
        var slots = new List<(JsonNode?, object, JsonNode?)> { (null, "", root) };
        void Walk(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (key, value) in obj.ToList())
                    {
                        slots.Add((obj, key, value));
                        Walk(value);
                    }
                    break;
                case JsonArray array:
                    for (var i = 0; i < array.Count; i++)
                    {
                        slots.Add((array, i, array[i]));
                        Walk(array[i]);
                    }
                    break;
            }
        }
        Walk(root);
        return slots;
    }

    private void ReplaceValue(ref JsonNode? root, Func<JsonNode?, JsonNode?> replacement, bool preferStrings)
    {
        var slots = Slots(root);
        var strings = slots.Where(s => s.Value is JsonValue v && v.GetValueKind() == JsonValueKind.String).ToList();
        var (parent, slot, value) = preferStrings && strings.Count > 0 && _random.Next(5) != 0
            ? strings[_random.Next(strings.Count)]
            : slots[_random.Next(slots.Count)];
        var replaced = replacement(value);
        switch (parent)
        {
            case null: root = replaced; break;
            case JsonObject obj: obj[(string)slot] = replaced; break;
            case JsonArray array: array[(int)slot] = replaced; break;
        }
    }

    private JsonObject? PickObject(ref JsonNode? root)
    {
        var objects = Slots(root).Select(s => s.Value).OfType<JsonObject>().ToList();
        if (objects.Count > 0) return objects[_random.Next(objects.Count)];
        root = new JsonObject { ["value"] = root?.DeepClone() };
        return (JsonObject)root;
    }

    private void AddMember(ref JsonNode? root, Dictionary<JsonObject, List<string>> extras, string member, bool renameExisting)
    {
        var target = PickObject(ref root)!;
        if (renameExisting && target.Count > 0 && _random.Next(2) == 0)
        {
            var (key, value) = target.ElementAt(_random.Next(target.Count));
            target.Remove(key);
            member = $"\"{Pick(LoneSurrogates)}{Escape(key)}\":{(value is null ? "null" : Write(value))}";
        }
        Extras(extras, target).Add(member);
    }

    private void DuplicateMember(ref JsonNode? root, Dictionary<JsonObject, List<string>> extras)
    {
        var target = PickObject(ref root)!;
        if (target.Count == 0)
        {
            Extras(extras, target).AddRange(["\"a\":1", "\"a\":2"]);
            return;
        }
        var (key, value) = target.ElementAt(_random.Next(target.Count));
        var copy = _random.Next(2) == 0 && value is not null ? Write(value) : Pick(WrongTypes);
        Extras(extras, target).Add($"\"{Escape(key)}\":{copy}");
    }

    private void RemoveMember(JsonNode? root)
    {
        var members = Slots(root).Where(s => s.Parent is JsonObject).ToList();
        if (members.Count == 0) return;
        var (parent, slot, _) = members[_random.Next(members.Count)];
        ((JsonObject)parent!).Remove((string)slot);
    }

    private static List<string> Extras(Dictionary<JsonObject, List<string>> extras, JsonObject target) =>
        extras.TryGetValue(target, out var list) ? list : extras[target] = [];

    private static byte[] Write(JsonNode? root, Dictionary<JsonObject, List<string>> extras)
    {
        var text = new StringBuilder();
        Write(root, extras, text);
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static string Write(JsonNode node)
    {
        var text = new StringBuilder();
        Write(node, new Dictionary<JsonObject, List<string>>(ReferenceEqualityComparer.Instance), text);
        return text.ToString();
    }

    private static void Write(JsonNode? node, Dictionary<JsonObject, List<string>> extras, StringBuilder text)
    {
        switch (node)
        {
            case null:
                text.Append("null");
                break;
            case JsonObject obj:
            {
                text.Append('{');
                var first = true;
                foreach (var (key, value) in obj)
                {
                    if (!first) text.Append(',');
                    first = false;
                    text.Append('"').Append(Escape(key)).Append("\":");
                    Write(value, extras, text);
                }
                if (extras.TryGetValue(obj, out var more))
                    foreach (var member in more)
                    {
                        if (!first) text.Append(',');
                        first = false;
                        text.Append(member);
                    }
                text.Append('}');
                break;
            }
            case JsonArray array:
                text.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0) text.Append(',');
                    Write(array[i], extras, text);
                }
                text.Append(']');
                break;
            case JsonValue value when value.TryGetValue<RawText>(out var raw):
                text.Append(raw.Text);
                break;
            default:
                text.Append(node.ToJsonString());
                break;
        }
    }

    private static string Escape(string key) => JsonEncodedText.Encode(key).ToString();

    public override string ToString() => seed.ToString(CultureInfo.InvariantCulture);
}
