using System.Text.Json;
using JourneyStudio.Journeys.Catalog.Nodes;
using JourneyStudio.Runtime.Callbacks;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Identities;
using JourneyStudio.Runtime.Nodes;

namespace JourneyStudio.Runtime.Tests.Nodes.Identity;

/// <summary>
/// Attribute Collector prefills each callback's <c>value</c> with the known user's stored value (AM's ProgressiveProfile and
/// UpdateProfile behaviour); a stranger's form starts empty and what the journey collected wins over the store.
/// </summary>
public sealed class AttributeCollectorPrefillTests : IdentityNodeTests
{
    private static readonly IdentitySchema Schema = new(new PasswordPolicyOptions(),
        [new IdentityAttribute("shoeSize", AttributeInputKind.Number, "Shoe size", [])]);

    private AttributeCollectorNodeProcessor Processor => new(Schema, Users);

    private static AttributeCollectorConfig Collect(params string[] attributes) =>
        new() { AttributesToCollect = attributes, IdentityAttribute = "userName" };

    private Task CreateGraceAsync() => CreateAsync("grace", mail: "grace@example.com", with: n => n with
    {
        GivenName = "Grace",
        Profile = new IdentityProfileChanges
        {
            Marketing = true,
            Updates = false,
            CustomAttributes = new Dictionary<string, string?> { ["shoeSize"] = "38.5" },
        },
    });

    private static JsonElement Value(NodeResult result, int index) =>
        Assert.IsType<JsonElement>(result.Callbacks![index].GetOutput("value"));

    [Fact]
    public async Task UserNamedInSharedState_StringBooleanAndNumberCallbacksCarryTheStoredValues()
    {
        await CreateGraceAsync();

        var result = await Processor.ProcessAsync(Context(new { username = "grace" }),
            Collect("givenName", "mail", "preferences/marketing", "preferences/updates", "shoeSize"));

        Assert.Equal([Callback.StringAttributeInputType, Callback.StringAttributeInputType, Callback.BooleanAttributeInputType,
            Callback.BooleanAttributeInputType, Callback.NumberAttributeInputType], result.Callbacks!.Select(c => c.Type));
        Assert.Equal("Grace", Value(result, 0).GetString());
        Assert.Equal("grace@example.com", Value(result, 1).GetString());
        Assert.True(Value(result, 2).GetBoolean());
        Assert.False(Value(result, 3).GetBoolean());
        Assert.Equal(38.5m, Value(result, 4).GetDecimal());
        // The SDK posts the value back as it got it, so the input carries it too.
        Assert.Equal("Grace", result.Callbacks![0].GetInputString());
        Assert.True(result.Callbacks![2].GetInput("")!.Value.GetBoolean());
    }

    [Fact]
    public async Task SignedInUser_FoundThroughGetSessionDatasUserName_IsPrefilled()
    {
        await CreateGraceAsync();

        // PlatformUpdatePassword's Get Session Data writes the session's UserToken to shared "userName".
        var result = await Processor.ProcessAsync(Context(new { userName = "grace" }), Collect("givenName", "preferences/marketing"));

        Assert.Equal("Grace", Value(result, 0).GetString());
        Assert.True(Value(result, 1).GetBoolean());
    }

    [Fact]
    public async Task CollectedValue_WinsOverTheStoredOne()
    {
        await CreateGraceAsync();

        var result = await Processor.ProcessAsync(
            Context(new { username = "grace", objectAttributes = new { givenName = "Gracie", preferences = new { marketing = false } } }),
            Collect("givenName", "preferences/marketing"));

        Assert.Equal("Gracie", Value(result, 0).GetString());
        Assert.False(Value(result, 1).GetBoolean());
    }

    [Fact]
    public async Task NoKnownUser_TheFormStartsEmpty()
    {
        await CreateGraceAsync();

        var stranger = await Processor.ProcessAsync(Context(), Collect("givenName", "preferences/marketing", "shoeSize"));
        var unknown = await Processor.ProcessAsync(Context(new { username = "nobody" }), Collect("givenName", "preferences/marketing", "shoeSize"));

        foreach (var result in new[] { stranger, unknown })
        {
            Assert.Equal("", Value(result, 0).GetString());
            Assert.False(Value(result, 1).GetBoolean());
            Assert.Equal(JsonValueKind.Null, Value(result, 2).ValueKind);
        }
    }
}
