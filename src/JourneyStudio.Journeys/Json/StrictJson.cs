using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace JourneyStudio.Journeys.Json;

/// <summary>Why a JSON text was refused.</summary>
public enum JsonInputRejection
{
    /// <summary>Not JSON at all: a syntax error, trailing text, an empty text.</summary>
    Syntax,

    /// <summary>A string holds bytes that are not UTF-8.</summary>
    InvalidUtf8,

    /// <summary>A string holds an escaped lone surrogate (<c>"\ud800"</c>), which no .NET string can carry.</summary>
    InvalidUtf16,

    /// <summary>An object names the same property twice.</summary>
    DuplicateProperty,

    /// <summary>Nested deeper than the reader allows.</summary>
    TooDeep,
}

/// <summary>What is wrong with a JSON text and where: a JSON path (<c>$.callbacks[0].type</c>) and, for syntax errors, the line and byte (1-based).</summary>
public sealed record JsonInputProblem(JsonInputRejection Reason, string Path, string Message)
{
    public long? Line { get; init; }

    public long? BytePositionInLine { get; init; }

    public override string ToString() => $"{Path}: {Message}";
}

/// <summary>Thrown by <see cref="StrictJson.Parse(ReadOnlyMemory{byte}, int)"/>; endpoint boundaries answer it with a 400.</summary>
public sealed class JsonInputException(JsonInputProblem problem) : Exception($"The JSON is not valid at {problem}")
{
    public JsonInputProblem Problem { get; } = problem;
}

/// <summary>
/// The one way untrusted JSON is read. System.Text.Json accepts text that later blows up: an escaped lone
/// surrogate parses, but <see cref="JsonElement.GetString"/> (and every property lookup that meets it as a
/// key) throws <see cref="InvalidOperationException"/>; invalid UTF-8 inside a string parses too; a duplicate
/// key silently shadows the first (or throws from <see cref="JsonObject"/>). This reader refuses all of them
/// up front with the JSON path, so code that reads a document it returned can call <c>GetString</c> safely.
/// </summary>
public static class StrictJson
{
    /// <summary>Deep enough for any request or export this studio reads; a deeper body is an attack on the stack.</summary>
    public const int DefaultMaxDepth = 64;

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>Parses <paramref name="utf8"/> (a leading UTF-8 BOM is ignored); false with the problem when it is refused.</summary>
    public static bool TryParse(ReadOnlyMemory<byte> utf8, [NotNullWhen(true)] out JsonDocument? document,
        [NotNullWhen(false)] out JsonInputProblem? problem, int maxDepth = DefaultMaxDepth)
    {
        document = null;
        if (utf8.Span.StartsWith(Utf8Bom)) utf8 = utf8[Utf8Bom.Length..];
        problem = Check(utf8.Span, maxDepth);
        if (problem is not null) return false;
        try
        {
            document = JsonDocument.Parse(utf8, DocumentOptions(maxDepth));
            return true;
        }
        catch (JsonException e)
        {
            // Check read the same text with the same rules; this is only a safety net.
            problem = SyntaxProblem(e, "$");
            return false;
        }
    }

    /// <summary>Parses a text already decoded (a file, a form field); a lone surrogate character in it is refused too.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out JsonDocument? document,
        [NotNullWhen(false)] out JsonInputProblem? problem, int maxDepth = DefaultMaxDepth)
    {
        document = null;
        problem = FindLoneSurrogateCharacter(text);
        if (problem is not null) return false;
        return TryParse(Encoding.UTF8.GetBytes(text.StartsWith('\uFEFF') ? text[1..] : text), out document, out problem, maxDepth);
    }

    /// <summary>Like <see cref="TryParse(ReadOnlyMemory{byte}, out JsonDocument?, out JsonInputProblem?, int)"/>, as a mutable <see cref="JsonNode"/>.</summary>
    public static bool TryParseNode(ReadOnlyMemory<byte> utf8, out JsonNode? node, [NotNullWhen(false)] out JsonInputProblem? problem,
        int maxDepth = DefaultMaxDepth)
    {
        node = null;
        if (utf8.Span.StartsWith(Utf8Bom)) utf8 = utf8[Utf8Bom.Length..];
        problem = Check(utf8.Span, maxDepth);
        if (problem is not null) return false;
        try
        {
            node = JsonNode.Parse(utf8.Span, documentOptions: DocumentOptions(maxDepth));
            return true;
        }
        catch (JsonException e)
        {
            problem = SyntaxProblem(e, "$");
            return false;
        }
    }

    /// <inheritdoc cref="TryParseNode(ReadOnlyMemory{byte}, out JsonNode?, out JsonInputProblem?, int)"/>
    public static bool TryParseNode(string text, out JsonNode? node, [NotNullWhen(false)] out JsonInputProblem? problem,
        int maxDepth = DefaultMaxDepth)
    {
        node = null;
        problem = FindLoneSurrogateCharacter(text);
        if (problem is not null) return false;
        return TryParseNode(Encoding.UTF8.GetBytes(text.StartsWith('\uFEFF') ? text[1..] : text), out node, out problem, maxDepth);
    }

    /// <summary>Parses or throws <see cref="JsonInputException"/>, for code whose caller's boundary answers it.</summary>
    public static JsonDocument Parse(ReadOnlyMemory<byte> utf8, int maxDepth = DefaultMaxDepth) =>
        TryParse(utf8, out var document, out var problem, maxDepth) ? document : throw new JsonInputException(problem);

    /// <inheritdoc cref="Parse(ReadOnlyMemory{byte}, int)"/>
    public static JsonDocument Parse(string text, int maxDepth = DefaultMaxDepth) =>
        TryParse(text, out var document, out var problem, maxDepth) ? document : throw new JsonInputException(problem);

    /// <summary>
    /// Reads <paramref name="utf8"/> once, token by token, and answers the first problem (null when there is none):
    /// syntax, nesting beyond <paramref name="maxDepth"/>, strings (values and property names) that are not valid
    /// UTF-8 or hold a lone surrogate escape, and property names used twice in one object.
    /// </summary>
    public static JsonInputProblem? Check(ReadOnlySpan<byte> utf8, int maxDepth = DefaultMaxDepth)
    {
        // One more level for the reader, so that our own check (with the path) fires first.
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = maxDepth + 1 });
        var path = new PathTracker();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        if (CheckString(ref reader) is { } badName)
                            return new JsonInputProblem(badName.Reason, path.WithRawKey(reader.ValueSpan), "the property name " + badName.Message);
                        var name = reader.GetString()!;
                        if (!path.AddProperty(name))
                            return new JsonInputProblem(JsonInputRejection.DuplicateProperty, path.Current(),
                                "this property appears more than once in the object; send each property once");
                        break;
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        path.BeginValue();
                        if (reader.CurrentDepth >= maxDepth)
                            return new JsonInputProblem(JsonInputRejection.TooDeep, path.Current(),
                                $"nested deeper than the maximum depth of {maxDepth.ToString(CultureInfo.InvariantCulture)} levels");
                        path.Enter(reader.TokenType == JsonTokenType.StartObject);
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        path.Leave();
                        break;
                    case JsonTokenType.String:
                        path.BeginValue();
                        if (CheckString(ref reader) is { } badValue)
                            return new JsonInputProblem(badValue.Reason, path.Current(), "the string " + badValue.Message);
                        break;
                    default:
                        path.BeginValue();
                        break;
                }
            }
            return null;
        }
        catch (JsonException e)
        {
            // The line and byte say where; the path of the last good token would only mislead.
            return SyntaxProblem(e, "$");
        }
    }

    private static JsonDocumentOptions DocumentOptions(int maxDepth) => new() { MaxDepth = maxDepth, AllowDuplicateProperties = false };

    private static (JsonInputRejection Reason, string Message)? CheckString(ref Utf8JsonReader reader)
    {
        var raw = reader.ValueSpan;
        if (!Utf8.IsValid(raw))
            return (JsonInputRejection.InvalidUtf8, $"is not valid UTF-8 (at byte {(reader.TokenStartIndex + 1 + FirstInvalidUtf8(raw) + 1).ToString(CultureInfo.InvariantCulture)})");
        if (reader.ValueIsEscaped && FindLoneSurrogateEscape(raw) is { } lone)
            return (JsonInputRejection.InvalidUtf16,
                $"holds \\u{lone:x4}, a lone surrogate: a JSON string must hold whole characters (a surrogate pair such as \\ud83d\\ude00, or the character itself)");
        return null;
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> raw)
    {
        Span<char> scratch = stackalloc char[256];
        var offset = 0;
        while (offset < raw.Length)
        {
            var status = Utf8.ToUtf16(raw[offset..], scratch, out var read, out _, replaceInvalidSequences: false);
            if (status == System.Buffers.OperationStatus.InvalidData) return offset + read;
            if (status == System.Buffers.OperationStatus.Done) return raw.Length;
            offset += read;
        }
        return offset;
    }

    /// <summary>
    /// The first surrogate escape not part of a high-low pair, in a string's raw (still escaped) bytes. Only escapes
    /// can produce surrogates: valid UTF-8 never encodes one. The reader has already checked the escapes' syntax.
    /// </summary>
    private static int? FindLoneSurrogateEscape(ReadOnlySpan<byte> raw)
    {
        int? pendingHigh = null;
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] != (byte)'\\')
            {
                if (pendingHigh is not null) return pendingHigh;
                continue;
            }
            if (raw[i + 1] != (byte)'u')
            {
                if (pendingHigh is not null) return pendingHigh;
                i++;
                continue;
            }
            Utf8Parser.TryParse(raw.Slice(i + 2, 4), out int code, out _, 'X');
            i += 5;
            if (code is >= 0xD800 and <= 0xDBFF)
            {
                if (pendingHigh is not null) return pendingHigh;
                pendingHigh = code;
            }
            else if (code is >= 0xDC00 and <= 0xDFFF)
            {
                if (pendingHigh is null) return code;
                pendingHigh = null;
            }
            else if (pendingHigh is not null)
            {
                return pendingHigh;
            }
        }
        return pendingHigh;
    }

    /// <summary>A .NET string can hold a lone surrogate that UTF-8 cannot encode (the encoder would quietly replace it).</summary>
    private static JsonInputProblem? FindLoneSurrogateCharacter(string text)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                line++;
                lineStart = i + 1;
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return new JsonInputProblem(JsonInputRejection.InvalidUtf16, "$",
                    $"the text holds a lone surrogate (U+{(int)c:X4}) at line {line}, character {i - lineStart + 1}; it cannot be UTF-8")
                {
                    Line = line,
                };
            }
        }
        return null;
    }

    private static JsonInputProblem SyntaxProblem(JsonException e, string path)
    {
        // The reader appends its own 0-based location; ours is 1-based like an editor's.
        var reason = e.Message;
        var cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut > 0) reason = reason[..cut];
        var line = (e.LineNumber ?? 0) + 1;
        var position = (e.BytePositionInLine ?? 0) + 1;
        return new JsonInputProblem(JsonInputRejection.Syntax, path,
            $"invalid JSON at line {line.ToString(CultureInfo.InvariantCulture)}, byte {position.ToString(CultureInfo.InvariantCulture)}: {reason}")
        {
            Line = line,
            BytePositionInLine = position,
        };
    }

    /// <summary>Where the reader is, as a JSON path; each object frame remembers its property names to catch duplicates.</summary>
    private sealed class PathTracker
    {
        private readonly List<Frame> _frames = [];

        private sealed class Frame(bool isObject)
        {
            public bool IsObject { get; } = isObject;
            public int Index { get; set; } = -1;
            public string? Name { get; set; }
            public HashSet<string>? Names { get; set; }
        }

        public void Enter(bool isObject) => _frames.Add(new Frame(isObject));

        public void Leave()
        {
            if (_frames.Count > 0) _frames.RemoveAt(_frames.Count - 1);
        }

        /// <summary>A value starts: inside an array it is the next element.</summary>
        public void BeginValue()
        {
            if (_frames.Count > 0 && !_frames[^1].IsObject) _frames[^1].Index++;
        }

        /// <summary>Records the property name; false when the object already has it.</summary>
        public bool AddProperty(string name)
        {
            var frame = _frames[^1];
            frame.Name = name;
            frame.Names ??= new HashSet<string>(StringComparer.Ordinal);
            return frame.Names.Add(name);
        }

        public string Current() => Build(new StringBuilder("$"), _frames.Count).ToString();

        /// <summary>The path of a property whose name cannot be decoded: the name is shown as it was escaped in the text.</summary>
        public string WithRawKey(ReadOnlySpan<byte> rawName)
        {
            var builder = Build(new StringBuilder("$"), _frames.Count - 1);
            return builder.Append("['").Append(Encoding.UTF8.GetString(rawName)).Append("']").ToString();
        }

        private StringBuilder Build(StringBuilder builder, int frames)
        {
            for (var i = 0; i < frames; i++)
            {
                var frame = _frames[i];
                if (!frame.IsObject)
                {
                    if (frame.Index >= 0) builder.Append('[').Append(frame.Index.ToString(CultureInfo.InvariantCulture)).Append(']');
                }
                else if (frame.Name is { } name)
                {
                    AppendName(builder, name);
                }
            }
            return builder;
        }

        private static void AppendName(StringBuilder builder, string name)
        {
            if (name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] is '_' or '$') && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '$'))
                builder.Append('.').Append(name);
            else
                builder.Append("['").Append(name.Replace("\\", "\\\\").Replace("'", "\\'")).Append("']");
        }
    }
}
