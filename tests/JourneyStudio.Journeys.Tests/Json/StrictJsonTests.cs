using System.Text;
using System.Text.Json;
using JourneyStudio.Journeys.Json;

namespace JourneyStudio.Journeys.Tests.Json;

public sealed class StrictJsonTests
{
    private static JsonInputProblem Refused(string json)
    {
        Assert.False(StrictJson.TryParse(Encoding.UTF8.GetBytes(json), out _, out var problem));
        return problem;
    }

    private static JsonInputProblem Refused(byte[] utf8)
    {
        Assert.False(StrictJson.TryParse(utf8, out _, out var problem));
        return problem;
    }

    private static JsonDocument Accepted(string json)
    {
        Assert.True(StrictJson.TryParse(Encoding.UTF8.GetBytes(json), out var document, out var problem), problem?.ToString());
        return document;
    }

    [Theory]
    [InlineData("""{"a":"\ud83d\ude00"}""")]
    [InlineData("""{"a":"😀 ü ß"}""")]
    [InlineData("""{"a":"\\ud800"}""")]
    [InlineData("""{"a":"\u0041\n\"\\\/"}""")]
    [InlineData("""[{"a":1},{"a":2}]""")]
    [InlineData("""{"a":{"a":{"a":1}}}""")]
    [InlineData("""{"a":1e999999,"b":-0,"c":123456789012345678901234567890}""")]
    [InlineData("null")]
    public void ValidJson_IsAccepted(string json)
    {
        using var document = Accepted(json);
    }

    [Theory]
    [InlineData("""{"a":"\ud800"}""", "$.a", 0xD800)]
    [InlineData("""{"a":"x\udc00y"}""", "$.a", 0xDC00)]
    [InlineData("""{"a":"\ud800\u0041"}""", "$.a", 0xD800)]
    [InlineData("""{"a":"\ud800\ud800\udc00"}""", "$.a", 0xD800)]
    [InlineData("""{"a":"\ud800\n"}""", "$.a", 0xD800)]
    [InlineData("""{"a":["ok","\udfff"]}""", "$.a[1]", 0xDFFF)]
    [InlineData("""{"a":[{"b":"ok"},{"b":"\ud83d"}]}""", "$.a[1].b", 0xD83D)]
    [InlineData("\"\\ud800\"", "$", 0xD800)]
    public void LoneSurrogateEscape_InAValue_IsRefusedWithThePath(string json, string path, int surrogate)
    {
        var problem = Refused(json);

        Assert.Equal(JsonInputRejection.InvalidUtf16, problem.Reason);
        Assert.Equal(path, problem.Path);
        Assert.Contains($"\\u{surrogate:x4}", problem.Message);
    }

    [Theory]
    [InlineData("""{"\ud800":1}""", """$['\ud800']""")]
    [InlineData("""{"a":{"b\udc00c":1}}""", """$.a['b\udc00c']""")]
    [InlineData("""[0,{"ok":1,"\ud800":2}]""", """$[1]['\ud800']""")]
    public void LoneSurrogateEscape_InAPropertyName_IsRefusedWithThePath(string json, string path)
    {
        var problem = Refused(json);

        Assert.Equal(JsonInputRejection.InvalidUtf16, problem.Reason);
        Assert.Equal(path, problem.Path);
        Assert.StartsWith("the property name", problem.Message);
    }

    public static TheoryData<byte[], string> InvalidUtf8 => new()
    {
        { [.. "{\"a\":\""u8, 0xFF, .. "\"}"u8], "$.a" },
        { [.. "{\"a\":\"x"u8, 0xC0, 0xAF, .. "\"}"u8], "$.a" },          // overlong '/'
        { [.. "{\"a\":\""u8, 0xED, 0xA0, 0x80, .. "\"}"u8], "$.a" },     // a surrogate encoded in UTF-8
        { [.. "{\"a\":[\"\""u8, .. ",\""u8, 0xE2, 0x82, .. "\"]}"u8], "$.a[1]" }, // cut short
        { [.. "{\""u8, 0xFE, .. "\":1}"u8], "$['\uFFFD']" },
    };

    [Theory]
    [MemberData(nameof(InvalidUtf8))]
    public void InvalidUtf8_InAString_IsRefusedWithThePath(byte[] utf8, string path)
    {
        var problem = Refused(utf8);

        Assert.Equal(JsonInputRejection.InvalidUtf8, problem.Reason);
        Assert.Equal(path, problem.Path);
        Assert.Contains("UTF-8", problem.Message);
    }

    [Fact]
    public void InvalidUtf8_OutsideStrings_IsASyntaxError()
    {
        Assert.Equal(JsonInputRejection.Syntax, Refused([.. "{\"a\":"u8, 0xFF, .. "}"u8]).Reason);
    }

    [Theory]
    [InlineData("""{"a":1,"a":2}""", "$.a")]
    [InlineData("""{"a":{"b":1,"c":2,"b":3}}""", "$.a.b")]
    [InlineData("""{"x":[1,{"k":"v","k":"v"}]}""", "$.x[1].k")]
    [InlineData("""{"odd key":1,"odd key":2}""", "$['odd key']")]
    public void DuplicatePropertyNames_AreRefusedWithThePath(string json, string path)
    {
        var problem = Refused(json);

        Assert.Equal(JsonInputRejection.DuplicateProperty, problem.Reason);
        Assert.Equal(path, problem.Path);
    }

    [Fact]
    public void DuplicateNames_AreComparedAfterUnescaping()
    {
        Assert.Equal(JsonInputRejection.DuplicateProperty, Refused("""{"ab":1,"a\u0062":2}""").Reason);
    }

    [Fact]
    public void Nesting_UpToTheMaximum_IsAccepted_AndOneMoreLevelIsRefused()
    {
        using var _ = Accepted(new string('[', StrictJson.DefaultMaxDepth) + new string(']', StrictJson.DefaultMaxDepth));

        var problem = Refused(new string('[', StrictJson.DefaultMaxDepth + 1) + new string(']', StrictJson.DefaultMaxDepth + 1));

        Assert.Equal(JsonInputRejection.TooDeep, problem.Reason);
        Assert.Contains("depth", problem.Message);
    }

    [Fact]
    public void Nesting_ThousandsDeep_IsRefusedWithoutOverflowingTheStack()
    {
        Assert.Equal(JsonInputRejection.TooDeep, Refused(new string('[', 100_000)).Reason);
    }

    [Theory]
    [InlineData("", 1, 1)]
    [InlineData("{\"a\":", 1, 6)]
    [InlineData("{\n  \"a\": tru\n}", 2, 11)]
    [InlineData("{} {}", 1, 4)]
    [InlineData("{\"a\":1,}", 1, 8)]
    [InlineData("{\"a\":1 /* c */}", 1, 8)]
    public void SyntaxErrors_NameLineAndByte(string json, long line, long position)
    {
        var problem = Refused(json);

        Assert.Equal(JsonInputRejection.Syntax, problem.Reason);
        Assert.Equal("$", problem.Path);
        Assert.Equal(line, problem.Line);
        Assert.Equal(position, problem.BytePositionInLine);
        Assert.StartsWith($"invalid JSON at line {line}, byte {position}: ", problem.Message);
        Assert.DoesNotContain("LineNumber", problem.Message);
    }

    [Fact]
    public void AUtf8ByteOrderMark_IsIgnored_ButAUtf16OneIsNot()
    {
        Assert.True(StrictJson.TryParse((byte[])[0xEF, 0xBB, 0xBF, .. "{}"u8], out var document, out _));
        document.Dispose();
        Assert.Equal(JsonInputRejection.Syntax, Refused([0xFF, 0xFE, (byte)'{', 0, (byte)'}', 0]).Reason);
    }

    [Fact]
    public void Text_WithALoneSurrogateCharacter_IsRefused_RatherThanQuietlyReplaced()
    {
        Assert.False(StrictJson.TryParse("{\"a\":\n\"x\uD800\"}", out _, out var problem));

        Assert.Equal(JsonInputRejection.InvalidUtf16, problem.Reason);
        Assert.Equal(2, problem.Line);
        Assert.Contains("U+D800", problem.Message);
    }

    [Fact]
    public void Text_WithPairsAndABom_IsAccepted()
    {
        Assert.True(StrictJson.TryParse("\uFEFF{\"a\":\"😀\"}", out var document, out _));
        using (document)
            Assert.Equal("😀", document.RootElement.GetProperty("a").GetString());
    }

    [Fact]
    public void Parse_ThrowsTheProblem()
    {
        var thrown = Assert.Throws<JsonInputException>(() => StrictJson.Parse("""{"a":"\ud800"}"""));

        Assert.Equal("$.a", thrown.Problem.Path);
    }

    [Fact]
    public void TryParseNode_GivesANodeOrTheProblem()
    {
        Assert.True(StrictJson.TryParseNode("""{"a":[1,"x"]}""", out var node, out _));
        Assert.Equal("x", (string?)node!["a"]![1]);
        Assert.False(StrictJson.TryParseNode("""{"a":1,"a":2}""", out _, out var problem));
        Assert.Equal(JsonInputRejection.DuplicateProperty, problem.Reason);
    }

    /// <summary>
    /// The promise callers rely on, over random texts built from JSON's tricky parts: whatever is accepted can be
    /// read entirely (every name and string) without an exception, and System.Text.Json reads it the same way.
    /// </summary>
    [Fact]
    public void Accepted_IsAlwaysSafeToRead_AndRefused_NeverThrows()
    {
        var random = new Random(20261201);
        string[] pieces = ["\\ud800", "\\udc00", "\\ud83d\\ude00", "\\u0041", "\\\\", "\\\"", "\\n", "a", "é", "😀", "\\ud83d", "\\ude00", "\\\\ud800"];
        var accepted = 0;
        for (var run = 0; run < 3000; run++)
        {
            var text = new StringBuilder("{");
            var names = random.Next(1, 4);
            for (var i = 0; i < names; i++)
            {
                if (i > 0) text.Append(',');
                text.Append('"').Append(Piece()).Append("\":[\"").Append(Piece()).Append(Piece()).Append("\",{\"").Append(Piece()).Append("\":\"").Append(Piece()).Append("\"}]");
            }
            text.Append('}');
            var utf8 = Encoding.UTF8.GetBytes(text.ToString());
            if (random.Next(10) == 0) utf8[random.Next(utf8.Length)] = (byte)random.Next(0x80, 0x100);

            if (!StrictJson.TryParse(utf8, out var document, out _)) continue;
            accepted++;
            using (document)
                ReadEverything(document.RootElement);
        }
        Assert.InRange(accepted, 100, 2900); // both sides of the rule were exercised

        string Piece() => random.Next(3) == 0 ? "" : pieces[random.Next(pieces.Length)];
    }

    private static void ReadEverything(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    _ = property.Name;
                    Assert.True(element.TryGetProperty(property.Name, out _));
                    ReadEverything(property.Value);
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray()) ReadEverything(item);
                break;
            case JsonValueKind.String:
                _ = element.GetString();
                break;
        }
    }
}
