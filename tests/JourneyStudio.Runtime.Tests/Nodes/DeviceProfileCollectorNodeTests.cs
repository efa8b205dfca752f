using System.Text.Json.Nodes;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Runtime.Callbacks;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Tests.Support;

namespace JourneyStudio.Runtime.Tests.Nodes;

public sealed class DeviceProfileCollectorNodeTests
{
    private readonly EngineHarness _harness = new();

    private static Journey Profile() => J.Journey("Profile", "dp",
        J.Node("dp", "DeviceProfileCollectorNode", new { outcome = J.Success },
            ("maximumSize", "1"), ("deviceMetadata", true), ("deviceLocation", true),
            ("message", new Dictionary<string, string> { ["en"] = "Collecting profile ..." })));

    [Fact]
    public async Task Profile_FirstPass_SendsCallbackFromConfig()
    {
        var result = await _harness.StartAsync(Profile());

        Assert.Equal(
            """{"authId":"a","callbacks":[{"type":"DeviceProfileCallback","output":[{"name":"metadata","value":true},{"name":"location","value":true},{"name":"message","value":"Collecting profile ..."}],"input":[{"name":"IDToken1","value":""}],"_id":0}]}""",
            StepSerializer.Serialize("a", Assert.IsType<JourneyStep>(result).Callbacks));
    }

    [Fact]
    public async Task Profile_Submitted_IsStoredAsObjectInSharedState()
    {
        var profile = """{"identifier":"a1b2","metadata":{"platform":{"deviceName":"Pixel"}},"location":{"latitude":51.5,"longitude":-0.1}}""";

        var result = await _harness.SubmitAsync(await _harness.StartAsync(Profile()), ("IDToken1", profile));

        var stored = Assert.IsType<JourneySuccess>(result).State.SharedState["forgeRock.device.profile"];
        Assert.Equal("a1b2", (string?)stored!["identifier"]);
        Assert.Equal("Pixel", (string?)stored["metadata"]!["platform"]!["deviceName"]);
    }

    [Fact]
    public async Task Profile_LargerThanMaximumSize_FailsTheJourney()
    {
        var big = new JsonObject { ["identifier"] = "a1b2", ["padding"] = new string('x', 1100) }.ToJsonString();

        var result = await _harness.SubmitAsync(await _harness.StartAsync(Profile()), ("IDToken1", big));

        var failure = Assert.IsType<JourneyFailure>(result);
        Assert.Contains("Captured data exceed maximum accepted size (1 KB)", failure.Reason);
        Assert.False(failure.State.SharedState.ContainsKey("forgeRock.device.profile"));
    }

    [Theory]
    [InlineData("[1,2,3]", "must be a JSON object")]
    [InlineData("\"just text\"", "must be a JSON object")]
    [InlineData("{not json", "not valid JSON")]
    [InlineData("""{"identifier":"\ud800"}""", "not valid JSON at $.identifier")]
    [InlineData("""{"identifier":"a","identifier":"b"}""", "not valid JSON at $.identifier")]
    [InlineData("""{"metadata":{}}""", "Device Identifier is not captured")]
    public async Task Profile_NotAProfileObject_FailsTheJourney(string submitted, string reason)
    {
        var result = await _harness.SubmitAsync(await _harness.StartAsync(Profile()), ("IDToken1", submitted));

        Assert.Contains(reason, Assert.IsType<JourneyFailure>(result).Reason);
    }

    [Fact]
    public async Task Profile_EmptyAnswer_AsksAgain()
    {
        var result = await _harness.SubmitAsync(await _harness.StartAsync(Profile()), ("IDToken1", ""));

        Assert.Equal(["DeviceProfileCallback"], EngineHarness.Types(result));
    }
}
