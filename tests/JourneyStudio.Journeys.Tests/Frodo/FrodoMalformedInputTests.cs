using System.Text.Json;
using System.Text.Json.Nodes;
using JourneyStudio.Journeys.Frodo;
using JourneyStudio.Journeys.Model;

namespace JourneyStudio.Journeys.Tests.Frodo;

public sealed class FrodoMalformedInputTests
{
    private static string J(string text) => text.Replace('\'', '"');

    private const string PageWithChild =
        "'tree': {'_id': 'A', 'nodes': {'p1': {'nodeType': 'PageNode', 'displayName': 'Login Page'}}}";

    /// <summary>Input (single quotes stand for double quotes), expected error path, a key phrase of the message.</summary>
    public static TheoryData<string, string, string> MalformedInputs => new()
    {
        { "[]", "$", "expected a frodo journey export (an object with 'tree' or 'trees'), found an array" },
        { "{}", "$", "found neither" },
        { "{'tree': {'_id': 'A'}, 'trees': {}}", "$", "expected only one of them" },
        { "{'tree': 5}", "$.tree", "expected the journey's tree object, found a number" },
        { "{'trees': []}", "$.trees", "expected an object mapping journey names to their exports" },
        { "{'trees': {'Login': 'x'}}", "$.trees['Login']", "expected an object with the journey's tree" },
        { "{'trees': {'Login': {}}}", "$.trees['Login'].tree", "missing: expected the journey's tree object" },
        { "{'trees': {'Login': {'tree': {'_id': 'Other'}}}}", "$.trees['Login'].tree._id", "'Other' does not match the journey's key 'Login'" },
        { "{'tree': {}}", "$.tree._id", "missing: expected the journey name" },
        { "{'tree': {'_id': 7}}", "$.tree._id", "expected the journey name as a non-empty string, found a number 7" },
        { "{'tree': {'_id': ''}}", "$.tree._id", "expected the journey name as a non-empty string" },
        { "{'tree': {'_id': 'A', 'enabled': 'yes'}}", "$.tree.enabled", "expected true or false, found a string \"yes\"" },
        { "{'tree': {'_id': 'A', 'noSession': 1}}", "$.tree.noSession", "expected true or false" },
        { "{'tree': {'_id': 'A', 'description': 5}}", "$.tree.description", "expected a string, found a number" },
        { "{'tree': {'_id': 'A', 'entryNodeId': {}}}", "$.tree.entryNodeId", "expected a string, found an object" },
        { "{'tree': {'_id': 'A', 'uiConfig': []}}", "$.tree.uiConfig", "expected an object of string values" },
        { "{'tree': {'_id': 'A', 'uiConfig': {'categories': 'Frodo'}}}", "$.tree.uiConfig.categories", "a JSON array of strings encoded in a string" },
        { "{'tree': {'_id': 'A', 'uiConfig': {'categories': '[1]'}}}", "$.tree.uiConfig.categories", "a JSON array of strings encoded in a string" },
        { "{'tree': {'_id': 'A', 'uiConfig': {'realmDefault': 'maybe'}}}", "$.tree.uiConfig.realmDefault", "expected \"true\" or \"false\"" },
        { "{'tree': {'_id': 'A', 'uiConfig': {'themeOverride': 5}}}", "$.tree.uiConfig.themeOverride", "expected the theme name as a string" },
        { "{'tree': {'_id': 'A', 'uiConfig': {'maximumSessionDuration': 'soon'}}}", "$.tree.uiConfig.maximumSessionDuration", "whole number of minutes greater than 0" },
        { "{'tree': {'_id': 'A', 'uiConfig': {'maximumSessionDuration': '0'}}}", "$.tree.uiConfig.maximumSessionDuration", "whole number of minutes greater than 0" },
        { "{'tree': {'_id': 'A', 'nodes': []}}", "$.tree.nodes", "expected an object mapping node ids to nodes" },
        { "{'tree': {'_id': 'A', 'nodes': {'n1': 5}}}", "$.tree.nodes['n1']", "expected an object with nodeType, displayName, connections, x and y" },
        { "{'tree': {'_id': 'A', 'nodes': {'n1': {'x': 1}}}}", "$.tree.nodes['n1'].nodeType", "missing: expected the node type id" },
        { "{'tree': {'_id': 'A', 'nodes': {'n1': {'nodeType': ''}}}}", "$.tree.nodes['n1'].nodeType", "expected the node type id such as \"DataStoreDecisionNode\", found a string" },
        { "{'tree': {'_id': 'A', 'nodes': {'n1': {'nodeType': 'DataStoreDecisionNode', 'x': '10'}}}}", "$.tree.nodes['n1'].x", "expected a number (canvas position in pixels), found a string \"10\"" },
        { "{'tree': {'_id': 'A', 'nodes': {'n1': {'nodeType': 'DataStoreDecisionNode', 'y': true}}}}", "$.tree.nodes['n1'].y", "expected a number" },
        { "{'tree': {'_id': 'A', 'nodes': {'n1': {'nodeType': 'DataStoreDecisionNode', 'y': 1e999}}}}", "$.tree.nodes['n1'].y", "expected a number (canvas position in pixels), found a number 1e999" },
        { "{'tree': {'_id': 'A', 'nodes': {'n1': {'nodeType': 'DataStoreDecisionNode', 'displayName': 3}}}}", "$.tree.nodes['n1'].displayName", "expected a string" },
        { "{'tree': {'_id': 'A', 'nodes': {'n1': {'nodeType': 'DataStoreDecisionNode', 'nodeVersion': 2}}}}", "$.tree.nodes['n1'].nodeVersion", "expected a string" },
        { "{'tree': {'_id': 'A', 'nodes': {'n1': {'nodeType': 'DataStoreDecisionNode', 'connections': []}}}}", "$.tree.nodes['n1'].connections", "expected an object mapping outcome ids to target node ids" },
        { "{'tree': {'_id': 'A', 'nodes': {'n1': {'nodeType': 'DataStoreDecisionNode', 'connections': {'true': 5}}}}}", "$.tree.nodes['n1'].connections['true']", "expected the target node id as a non-empty string, found a number 5" },
        { "{'tree': {'_id': 'A', 'nodes': {'70e691a5-1e33-4ac3-a356-e7b6d60d92e0': {'nodeType': 'DataStoreDecisionNode'}}}}", "$.tree.nodes['70e691a5-1e33-4ac3-a356-e7b6d60d92e0']", "fixed id of a Start/Success/Failure node" },
        { "{'tree': {'_id': 'A', 'nodes': {'n1': {'nodeType': 'CustomNode', 'displayName': 'Mine'}}}}", "$.nodes['n1']", "has type 'CustomNode', which this studio does not know, and the export has no config for it" },
        { "{'tree': {'_id': 'A', 'nodes': {'n1': {'nodeType': 'CustomNode'}}}, 'nodes': {'n1': 'x'}}", "$.nodes['n1']", "expected the config object of node 'n1', found a string" },
        { "{'tree': {'_id': 'A', 'nodes': {'n1': {'nodeType': 'CustomNode'}}}, 'nodes': {'n1': {'_type': {'_id': 'OtherNode'}}}}", "$.nodes['n1']._type._id", "'OtherNode' does not match the node type 'CustomNode'" },
        { "{'tree': {'_id': 'A', 'nodes': {'n1': {'nodeType': 'CustomNode'}}}, 'nodes': {'n1': {'_type': 'CustomNode'}}}", "$.nodes['n1']._type", "expected an object such as" },
        { "{'tree': {'_id': 'A', 'nodes': {'n1': {'nodeType': 'CustomNode'}}}, 'nodes': {'n1': {'_outcomes': {}}}}", "$.nodes['n1']._outcomes", "expected an array of {\"id\", \"displayName\"} outcomes" },
        { "{'tree': {'_id': 'A', 'nodes': {'n1': {'nodeType': 'CustomNode'}}}, 'nodes': {'n1': {'_id': 'n2'}}}", "$.nodes['n1']._id", "expected the node id 'n1' (the key of this config), found a string \"n2\"" },
        { "{" + PageWithChild + ", 'nodes': {'p1': {'nodes': {}}}}", "$.nodes['p1'].nodes", "expected an array of the page's child nodes" },
        { "{" + PageWithChild + ", 'nodes': {'p1': {'nodes': [5]}}}", "$.nodes['p1'].nodes[0]", "expected an object {\"_id\", \"nodeType\", \"displayName\"} naming a child node" },
        { "{" + PageWithChild + ", 'nodes': {'p1': {'nodes': [{'nodeType': 'ValidatedUsernameNode'}]}}}", "$.nodes['p1'].nodes[0]._id", "missing: expected the child node's id" },
        { "{" + PageWithChild + ", 'nodes': {'p1': {'nodes': [{'_id': 'c1'}]}}}", "$.nodes['p1'].nodes[0].nodeType", "missing: expected the child node's type id" },
        { "{" + PageWithChild + ", 'nodes': {'p1': {'nodes': [{'_id': 'c1', 'nodeType': 'ValidatedUsernameNode'}]}}}", "$.innerNodes['c1']", "Page node 'p1' (\"Login Page\") lists child 'c1' (ValidatedUsernameNode), but the export has no config for it" },
        { "{" + PageWithChild + ", 'nodes': {'p1': {'nodes': [{'_id': 'p1', 'nodeType': 'ValidatedUsernameNode'}]}}}", "$.nodes['p1'].nodes[0]._id", "node id 'p1' is used more than once in this journey" },
        { "{" + PageWithChild + ", 'nodes': {'p1': {'nodes': [{'_id': 'c1', 'nodeType': 'ValidatedUsernameNode'}, {'_id': 'c1', 'nodeType': 'ValidatedPasswordNode'}]}}, 'innerNodes': {'c1': {}}}", "$.nodes['p1'].nodes[1]._id", "node id 'c1' is used more than once" },
        { "{" + PageWithChild + ", 'nodes': {'p1': {'nodes': [{'_id': 'c1', 'nodeType': 'ValidatedUsernameNode'}]}}, 'innerNodes': {'c1': []}}", "$.innerNodes['c1']", "expected the config object of node 'c1', found an array" },
        { "{'tree': {'_id': 'A', 'staticNodes': 3}}", "$.tree.staticNodes", "expected an object mapping static node ids to positions" },
        { "{'tree': {'_id': 'A', 'staticNodes': {'startNode': []}}}", "$.tree.staticNodes['startNode']", "expected an object with the position x and y" },
        { "{'tree': {'_id': 'A', 'staticNodes': {'e301438c-0bd0-429c-ab0c-66126501069a': {'x': 'left'}}}}", "$.tree.staticNodes['e301438c-0bd0-429c-ab0c-66126501069a'].x", "expected a number" },
        { "{'tree': {'_id': 'A'}, 'nodes': []}", "$.nodes", "expected an object mapping node ids to node configs" },
        { "{'tree': {'_id': 'A'}, 'innerNodes': 'none'}", "$.innerNodes", "expected an object mapping node ids to the configs of Page children" },
        { "{'tree': {'_id': 'A'}, 'scripts': []}", "$.scripts", "expected an object mapping ids to definitions, found an array" },
        { "{'tree': {'_id': 'A'}, 'themes': {}}", "$.themes", "expected an array, found an object" },
        { "{'trees': {'Login': {'tree': {'_id': 'Login', 'nodes': {'n1': {'nodeType': 'DataStoreDecisionNode', 'x': 'a'}}}}}}", "$.trees['Login'].tree.nodes['n1'].x", "expected a number" },
        { "{'trees': {'Login': {'tree': {'_id': 'Login', 'nodes': {'n1': {'nodeType': 'CustomNode'}}}}}}", "$.trees['Login'].nodes['n1']", "which this studio does not know" },
        { "{'trees': {'it\\u0027s': {'tree': {'_id': 5}}}}", "$.trees['it\\'s'].tree._id", "expected the journey name" },
    };

    [Theory]
    [MemberData(nameof(MalformedInputs))]
    public void MalformedInput_ReportsPathAndWhatWasExpected(string input, string path, string phrase)
    {
        var exception = Read(J(input));
        var error = Assert.Single(exception.Errors);

        Assert.Equal(path, error.Path);
        Assert.Contains(phrase, error.Message);
        Assert.Equal($"The journey export is not valid: {path}: {error.Message}", exception.Message);
    }

    [Fact]
    public void EveryProblem_IsReported_NotOnlyTheFirst()
    {
        var exception = Read(J("""
            {'tree': {'_id': 'A', 'enabled': 'yes',
              'nodes': {'n1': {'nodeType': 'DataStoreDecisionNode', 'x': 'a', 'connections': {'true': 1}}}},
             'themes': {}}
            """));

        Assert.Equal(
            ["$.themes", "$.tree.enabled", "$.tree.nodes['n1'].x", "$.tree.nodes['n1'].connections['true']"],
            exception.Errors.Select(e => e.Path));
        Assert.All(exception.Errors, e => Assert.Contains(e.Path, exception.Message));
    }

    [Theory]
    [InlineData("{\"tree\": {", 1, 11)]
    [InlineData("{\n  \"tree\": {\n    \"_id\": \"A\",\n  }\n}", 4, 3)]
    [InlineData("", 1, 1)]
    [InlineData("{\"tree\": {\"_id\": \"A\"}} trailing", 1, 24)]
    public void InvalidJson_ReportsLineAndBytePosition(string input, long line, long position)
    {
        var error = Assert.Single(Read(input).Errors);

        Assert.Equal("$", error.Path);
        Assert.Equal(line, error.Line);
        Assert.Equal(position, error.BytePositionInLine);
        Assert.StartsWith($"invalid JSON at line {line}, byte {position}: ", error.Message);
        Assert.DoesNotContain("LineNumber", error.Message);
    }

    [Fact]
    public void DuplicateKeys_AreRejected_RatherThanSilentlyDroppingANode()
    {
        var error = Assert.Single(Read(J("{'tree': {'_id': 'A', 'nodes': {'n1': {}, 'n1': {}}}}")).Errors);

        Assert.Equal("$.tree.nodes.n1", error.Path);
        Assert.Contains("more than once", error.Message);
    }

    [Fact]
    public void TooDeeplyNestedInput_IsAFormatError()
    {
        var deep = "{\"tree\": {\"_id\": \"A\", \"x\": " + new string('[', 200) + new string(']', 200) + "}}";

        Assert.Contains("depth", Assert.Single(Read(deep).Errors).Message);
    }

    [Fact]
    public void NullInput_IsAFormatError()
    {
        Assert.StartsWith("invalid JSON", Assert.Single(Read(null!).Errors).Message);
    }

    [Fact]
    public void LoneSurrogateCharacter_IsRefused_RatherThanQuietlyReplaced()
    {
        var error = Assert.Single(Read("{\"tree\": {\"_id\": \"A\uD800\"}}").Errors);

        Assert.Equal("$", error.Path);
        Assert.Contains("lone surrogate", error.Message);
    }

    [Theory]
    [InlineData("{\"tree\": {\"_id\": \"A\\ud800\"}}", "$.tree._id")]
    [InlineData("{\"tree\": {\"_id\": \"A\", \"description\": \"\\udfff\"}}", "$.tree.description")]
    [InlineData("{\"tree\": {\"_id\": \"A\", \"\\ud800\": 1}}", "$.tree['\\ud800']")]
    public void EscapedLoneSurrogate_IsRefusedWithItsPath(string json, string path)
    {
        var error = Assert.Single(Read(json).Errors);

        Assert.Equal(path, error.Path);
        Assert.Contains("lone surrogate", error.Message);
    }

    [Theory]
    [MemberData(nameof(ReferenceJourneys.Files), MemberType = typeof(ReferenceJourneys))]
    public void TruncatedReferenceFile_FailsWithAFormatError(string file)
    {
        var text = ReferenceJourneys.Load(file);
        for (var length = 0; length < text.TrimEnd().Length; length += Math.Max(1, text.Length / 150))
        {
            var exception = Read(text[..length]);
            Assert.NotEmpty(exception.Errors);
        }
    }

    /// <summary>
    /// Replaces every value of a reference file, one at a time, by a value of each other JSON type. The reader
    /// must either reject the file with format errors or accept it, and what it accepts must survive a round trip.
    /// </summary>
    [Theory]
    [MemberData(nameof(ReferenceJourneys.FilesWithCatalogs), MemberType = typeof(ReferenceJourneys))]
    public void ReferenceFileWithAnyValueOfTheWrongType_FailsCleanlyOrRoundTrips(string file, string catalogName)
    {
        var catalog = TestCatalog.ByName(catalogName);
        var original = JsonNode.Parse(ReferenceJourneys.Load(file))!;
        JsonNode?[] replacements = [null, 0, "x", true, new JsonArray(), new JsonObject()];
        var rejected = 0;
        foreach (var path in ValuePaths(original))
        {
            foreach (var replacement in replacements)
            {
                var mutated = original.DeepClone();
                Replace(mutated, path, replacement?.DeepClone());
                IReadOnlyList<Journey> journeys;
                try
                {
                    journeys = FrodoJourneyReader.Read(mutated.ToJsonString(), catalog);
                }
                catch (JourneyFormatException e)
                {
                    Assert.NotEmpty(e.Errors);
                    Assert.All(e.Errors, error => Assert.StartsWith("$", error.Path));
                    rejected++;
                    continue;
                }
                foreach (var journey in journeys)
                {
                    var again = Assert.Single(FrodoJourneyReader.Read(FrodoJourneyWriter.WriteSingle(journey, catalog), catalog));
                    Assert.Empty(JourneyComparer.Differences(journey, again));
                }
            }
        }
        Assert.True(rejected > 0, "some mutations must be rejected");
    }

    private static JourneyFormatException Read(string input) =>
        Assert.Throws<JourneyFormatException>(() => FrodoJourneyReader.Read(input, TestCatalog.Known));

    /// <summary>Every value position in a document as a list of property names and array indexes.</summary>
    private static IEnumerable<object[]> ValuePaths(JsonNode node, object[]? prefix = null)
    {
        prefix ??= [];
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    object[] path = [.. prefix, name];
                    yield return path;
                    if (child is not null)
                        foreach (var inner in ValuePaths(child, path)) yield return inner;
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    object[] path = [.. prefix, i];
                    yield return path;
                    if (array[i] is { } child)
                        foreach (var inner in ValuePaths(child, path)) yield return inner;
                }
                break;
        }
    }

    private static void Replace(JsonNode root, object[] path, JsonNode? value)
    {
        var parent = root;
        foreach (var step in path[..^1])
            parent = step is string name ? parent[name]! : parent[(int)step]!;
        if (path[^1] is string last) parent[last] = value;
        else parent[(int)path[^1]] = value;
    }
}
