using System.Text.Json;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Catalog.Nodes;
using JourneyStudio.Journeys.Frodo;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Journeys.QueryFilters;
using JourneyStudio.Journeys.Validation;

namespace JourneyStudio.Journeys.Tests.Frodo;

/// <summary>
/// Identity Cloud's default journeys (the classic-platform exports in TestData/IdentityNodes, copied unchanged from the
/// shared reference folder) import with the identity management nodes known, their config bound as exported and their
/// outcomes those the export lists.
/// </summary>
public sealed class IdentityNodeImportTests
{
    private static readonly string[] IdentityNodeTypes =
    [
        NodeTypeIds.IdentifyExistingUser, NodeTypeIds.CreateObject, NodeTypeIds.PatchObject, NodeTypeIds.AttributePresentDecision,
        NodeTypeIds.AttributeValueDecision, NodeTypeIds.QueryFilterDecision, NodeTypeIds.IdentityStoreDecision,
        NodeTypeIds.IncrementLoginCount, NodeTypeIds.LoginCountDecision, NodeTypeIds.KbaVerify,
    ];

    private static string Load(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "IdentityNodes", file));

    public static TheoryData<string> Files => new(
        "frodo-cli_PlatformLogin.journey.json", "frodo-cli_PlatformProgressiveProfile.journey.json",
        "frodo-cli_PlatformRegistration.journey.json", "frodo-cli_PlatformForgottenUsername.journey.json",
        "frodo-cli_PlatformUpdatePassword.journey.json", "frodo-cli_PlatformResetPassword.journey.json");

    private static IEnumerable<JourneyNode> AllNodes(Journey journey) => journey.Nodes.SelectMany(n => n.Children.Prepend(n));

    [Theory]
    [MemberData(nameof(Files))]
    public void DefaultJourney_Imports_WithNoUnknownTypeOrBadConfigOnAnIdentityNode(string file)
    {
        var journeys = FrodoJourneyReader.Read(Load(file), NodeCatalog.Default);

        foreach (var journey in journeys)
        {
            var findings = JourneyValidator.Validate(journey, NodeCatalog.Default, name => journeys.FirstOrDefault(j => j.Name == name));
            var identityNodeIds = AllNodes(journey).Where(n => IdentityNodeTypes.Contains(n.NodeType)).Select(n => n.Id).ToHashSet();
            Assert.DoesNotContain(findings, f => f.NodeId is not null && identityNodeIds.Contains(f.NodeId)
                                                 && f.Code is FindingCodes.UnknownNodeType or FindingCodes.InvalidConfig);
        }
    }

    [Fact]
    public void ProgressiveProfileAndLogin_UseTheIdentityNodes_AndTheirTypesAreKnown()
    {
        var types = new[] { "frodo-cli_PlatformProgressiveProfile.journey.json", "frodo-cli_PlatformLogin.journey.json" }
            .SelectMany(f => FrodoJourneyReader.Read(Load(f), NodeCatalog.Default)).SelectMany(AllNodes).Select(n => n.NodeType).ToHashSet();

        Assert.Contains(NodeTypeIds.LoginCountDecision, types);
        Assert.Contains(NodeTypeIds.QueryFilterDecision, types);
        Assert.Contains(NodeTypeIds.PatchObject, types);
        Assert.Contains(NodeTypeIds.IncrementLoginCount, types);
        Assert.All(types.Intersect(IdentityNodeTypes), t => Assert.True(NodeCatalog.Default.IsKnown(t), t));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void IdentityNodes_HaveTheOutcomesTheExportLists(string file)
    {
        using var document = JsonDocument.Parse(Load(file));
        var exported = new Dictionary<string, string[]>();
        Collect(document.RootElement, exported);
        var journeys = FrodoJourneyReader.Read(Load(file), NodeCatalog.Default);

        foreach (var node in journeys.SelectMany(AllNodes).Where(n => IdentityNodeTypes.Contains(n.NodeType)))
            Assert.Equal(exported[node.Id], NodeCatalog.Default.GetOutcomes(node).Select(o => o.Id));
    }

    [Fact]
    public void ProgressiveProfile_BindsTheExportedConfig()
    {
        var nodes = FrodoJourneyReader.Read(Load("frodo-cli_PlatformProgressiveProfile.journey.json"), NodeCatalog.Default)
            .SelectMany(AllNodes).ToList();

        var loginCount = new LoginCountDecisionDescriptor().Bind(nodes.Single(n => n.NodeType == NodeTypeIds.LoginCountDecision).Config);
        Assert.Equal(new LoginCountDecisionConfig { Interval = LoginCountInterval.At, Amount = 3, IdentityAttribute = "userName" }, loginCount);

        var query = new QueryFilterDecisionDescriptor().Bind(nodes.Single(n => n.NodeType == NodeTypeIds.QueryFilterDecision).Config);
        Assert.Equal("!(/preferences pr) or /preferences/marketing eq false or /preferences/updates eq false", query.QueryFilter);
        Assert.IsType<QueryFilter.Or>(query.Filter);
        Assert.Null(query.FilterError);
    }

    [Fact]
    public void UpdatePassword_BindsPatchObjectAndAttributePresent()
    {
        var nodes = FrodoJourneyReader.Read(Load("frodo-cli_PlatformUpdatePassword.journey.json"), NodeCatalog.Default)
            .SelectMany(AllNodes).ToList();

        var patch = new PatchObjectDescriptor().Bind(nodes.Single(n => n.NodeType == NodeTypeIds.PatchObject).Config);
        Assert.True(patch.PatchAsObject);
        Assert.Equal(["userName"], patch.IgnoredFields);
        Assert.Equal("managed/user", patch.IdentityResource);
        var present = new AttributePresentDecisionDescriptor().Bind(nodes.Single(n => n.NodeType == NodeTypeIds.AttributePresentDecision).Config);
        Assert.Equal("password", present.PresentAttribute);
    }

    [Fact]
    public void QueryFilterDecision_WithABadFilter_IsAConfigProblemNamingWhere()
    {
        var descriptor = new QueryFilterDecisionDescriptor();
        var config = descriptor.CreateDefaultConfig().With("queryFilter", NodeConfig.ToElement("/mail eq"));

        var problem = Assert.Single(descriptor.ValidateConfig(config));

        Assert.Equal("queryFilter", problem.PropertyName);
        Assert.Equal("Query Filter is not valid: The filter ends after 'eq'; expected a value (at character 9).", problem.Message);
    }

    [Fact]
    public void AttributeValueDecision_EqualsWithoutAValue_IsAConfigProblem()
    {
        var descriptor = new AttributeValueDecisionDescriptor();
        var config = descriptor.CreateDefaultConfig()
            .With("comparisonAttribute", NodeConfig.ToElement("country")).With("comparisonOperation", NodeConfig.ToElement("EQUALS"));

        Assert.Equal([new ConfigProblem("comparisonValue", "Comparison Value is required when the operation is EQUALS.")], descriptor.ValidateConfig(config));
    }

    private static void Collect(JsonElement element, Dictionary<string, string[]> outcomes)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            if (element.TryGetProperty("_id", out var id) && id.ValueKind == JsonValueKind.String
                && element.TryGetProperty("_outcomes", out var list) && list.ValueKind == JsonValueKind.Array)
                outcomes[id.GetString()!] = list.EnumerateArray().Select(o => o.GetProperty("id").GetString()!).ToArray();
            foreach (var property in element.EnumerateObject()) Collect(property.Value, outcomes);
        }
        else if (element.ValueKind == JsonValueKind.Array)
            foreach (var item in element.EnumerateArray()) Collect(item, outcomes);
    }
}
