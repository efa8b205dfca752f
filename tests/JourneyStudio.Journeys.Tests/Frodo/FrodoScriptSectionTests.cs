using System.Text.Json;
using JourneyStudio.Journeys.Frodo;
using JourneyStudio.Journeys.Scripts;

namespace JourneyStudio.Journeys.Tests.Frodo;

/// <summary>The scripts section of frodo exports: both text forms, AM's fields, errors with their paths.</summary>
public sealed class FrodoScriptSectionTests
{
    private static IReadOnlyList<ScriptDefinition> Read(string json, List<JourneyFormatError> errors)
    {
        using var document = JsonDocument.Parse(json);
        return FrodoScriptSection.Read(document.RootElement, "$.scripts", errors);
    }

    [Fact]
    public void AJsonEncodedText_IsDecoded_AndWrittenBackTheSame()
    {
        const string section = """{"s1":{"_id":"s1","context":"AUTHENTICATION_TREE_DECISION_NODE","default":false,"description":"d","evaluatorVersion":"2.0","language":"JAVASCRIPT","name":"One","script":"\"var a = \\\"x\\\";\\naction.goTo('true');\""}}""";
        var errors = new List<JourneyFormatError>();

        var script = Assert.Single(Read(section, errors));

        Assert.Empty(errors);
        Assert.Equal(("s1", "One", "d", "2.0", ScriptSourceForm.JsonString), (script.Id, script.Name, script.Description, script.EvaluatorVersion, script.SourceForm));
        Assert.Equal("var a = \"x\";\naction.goTo('true');", script.Source);
        Assert.True(script.ExtraFields.ContainsKey("default"));
        using var original = JsonDocument.Parse(section);
        Assert.True(JsonElement.DeepEquals(original.RootElement, FrodoScriptSection.Write([script])));
    }

    [Fact]
    public void AnArrayOfLines_IsJoined_AndWrittenBackAsLines()
    {
        var errors = new List<JourneyFormatError>();

        var script = Assert.Single(Read("""{"s":{"_id":"s","name":"Lines","script":["outcome = 'a';","// end"],"language":"GROOVY"}}""", errors));

        Assert.Equal(("outcome = 'a';\n// end", ScriptSourceForm.Lines, "GROOVY", "1.0"), (script.Source, script.SourceForm, script.Language, script.EvaluatorVersion));
        var written = FrodoScriptSection.Write([script]).GetProperty("s").GetProperty("script");
        Assert.Equal(["outcome = 'a';", "// end"], written.EnumerateArray().Select(l => l.GetString()));
    }

    [Fact]
    public void PlainText_IsKeptAsItIs()
    {
        var script = Assert.Single(Read("""{"s":{"_id":"s","name":"Plain","script":"outcome = 'a';"}}""", []));

        Assert.Equal(("outcome = 'a';", ScriptSourceForm.Plain), (script.Source, script.SourceForm));
    }

    [Theory]
    [InlineData("""{"s":{"_id":"t","name":"N","script":"x"}}""", "$.scripts['s']._id")]
    [InlineData("""{"s":{"_id":"s","script":"x"}}""", "$.scripts['s'].name")]
    [InlineData("""{"s":{"_id":"s","name":"N"}}""", "$.scripts['s'].script")]
    [InlineData("""{"s":{"_id":"s","name":"N","script":[1]}}""", "$.scripts['s'].script")]
    [InlineData("""{"s":{"_id":"s","name":"N","script":"x","language":"PYTHON"}}""", "$.scripts['s'].language")]
    [InlineData("""{"s":{"_id":"s","name":"N","script":"x","evaluatorVersion":"3.0"}}""", "$.scripts['s'].evaluatorVersion")]
    [InlineData("""{"s":"not a script"}""", "$.scripts['s']")]
    [InlineData("""[]""", "$.scripts")]
    public void ABadScript_IsAnErrorAtItsPath(string section, string path)
    {
        var errors = new List<JourneyFormatError>();

        Assert.Empty(Read(section, errors));

        Assert.Contains(errors, e => e.Path == path);
    }
}
