using System.Text.Json;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Frodo;
using JourneyStudio.Journeys.Model;

namespace JourneyStudio.Journeys.Tests.Frodo;

public sealed class FrodoJourneyReaderTests
{
    private const string Success = StaticNodeIds.Success;
    private const string Failure = StaticNodeIds.Failure;

    /// <summary>Test JSON written with single quotes for readability.</summary>
    private static string J(string text) => text.Replace('\'', '"');

    private static Journey ReadReference(string file, NodeCatalog catalog) =>
        Assert.Single(FrodoJourneyReader.Read(ReferenceJourneys.Load(file), catalog));

    [Fact]
    public void PushRegistration_MapsTreeNodesPageChildrenAndStaticPositions()
    {
        var journey = ReadReference("frodo-cli_push_registration.journey.json", TestCatalog.Known);

        Assert.Equal("push_registration", journey.Name);
        Assert.Equal("07bc635b-5a3f-461b-87ee-e76c9fa22738", journey.EntryNodeId);
        Assert.Equal(
            ["PageNode", "DataStoreDecisionNode", "PushAuthenticationSenderNode", "PushResultVerifierNode", "PushRegistrationNode", "PushWaitNode"],
            journey.Nodes.Select(n => n.NodeType));
        Assert.Equal(new NodePosition(57, 22), journey.StartPosition);
        Assert.Equal(new NodePosition(1245, 35), journey.SuccessPosition);
        Assert.Equal(new NodePosition(1292, 172), journey.FailurePosition);

        var sender = journey.FindNode("1323d24e-b9f8-4396-a9ce-4550fe3ac84f")!;
        Assert.Equal("Push Sender", sender.DisplayName);
        Assert.Equal(new NodePosition(647, 79), sender.Position);
        Assert.Equal(Success, sender.Connections["SKIPPED"]);
        Assert.Equal("ccb48486-0d8e-475d-a002-29d0bfa1177a", sender.Connections["SENT"]);
        Assert.Equal(3, sender.Connections.Count);

        var page = journey.Nodes[0];
        Assert.Equal(["Platform Username", "Platform Password"], page.Children.Select(c => c.DisplayName));
        Assert.Empty(page.Connections);
    }

    [Fact]
    public void KnownType_ConfigLeavesOutAmsGeneratedFields()
    {
        var journey = ReadReference("frodo-lib_FrodoTestJourney1.journey.json", TestCatalog.Known);

        var username = journey.FindNode("f7446364-c2af-4a05-b3cc-e51d2cac5495")!;
        Assert.Equal(["usernameAttribute", "validateInput"], username.Config.Keys);
        Assert.Equal("userName", username.Config.GetString("usernameAttribute"));

        var page = journey.FindNode("cc4b5c15-4af6-4a94-b0c6-fc6f31895b4f")!;
        Assert.Equal(["pageDescription", "pageHeader"], page.Config.Keys);
        Assert.Empty(journey.FindNode("1c586352-4568-4918-8985-876f142d1427")!.Config);
    }

    [Fact]
    public void UnknownType_ConfigKeepsEverythingButTheId()
    {
        var journey = ReadReference("frodo-lib_FrodoTestJourney1.journey.json", TestCatalog.Empty);

        var decision = journey.FindNode("1c586352-4568-4918-8985-876f142d1427")!;
        Assert.Equal(["_outcomes", "_rev", "_type"], decision.Config.Keys);
        Assert.Equal(["true", "false"], TestCatalog.Empty.GetOutcomes(decision).Select(o => o.Id));
    }

    [Fact]
    public void PageChildren_TakeTheirDisplayNameFromThePageList_NotFromTheChildConfig()
    {
        // innerNodes say "Platform Username"; the page lists the child as "Username", which is what AM shows.
        var journey = ReadReference("frodo-lib_FrodoTestJourney1.journey.json", TestCatalog.Known);

        var page = journey.FindNode("cc4b5c15-4af6-4a94-b0c6-fc6f31895b4f")!;
        Assert.Equal(["f7446364-c2af-4a05-b3cc-e51d2cac5495", "25f9ef92-b8a8-45fd-97bd-d32e90040202"], page.Children.Select(c => c.Id));
        Assert.Equal(["Username", "Password"], page.Children.Select(c => c.DisplayName));
        Assert.Equal(page, journey.FindParentPage("25f9ef92-b8a8-45fd-97bd-d32e90040202"));
    }

    [Fact]
    public void TreeFields_MapToDescriptionSettingsAndExtraFields()
    {
        var journey = ReadReference("frodo-lib_FrodoTestJourney1.journey.json", TestCatalog.Known);

        Assert.Equal("Frodo test journey", journey.Description);
        Assert.Equal(["Frodo", "Prototype"], journey.Settings.Categories);
        Assert.Equal("managed/alpha_user", journey.Settings.IdentityResource);
        Assert.True(journey.Settings.Enabled);
        Assert.Equal(["_rev"], journey.ExtraTreeFields.Keys);
        Assert.Equal("781670037", journey.ExtraTreeFields["_rev"].GetString());
        Assert.Equal(137.5, journey.FindNode("1c586352-4568-4918-8985-876f142d1427")!.Y);
    }

    [Fact]
    public void StringNull_FromClassicExports_IsKeptAsText()
    {
        var journey = ReadReference("frodo-cli_RetryLimit.journey.json", TestCatalog.Known);

        Assert.Equal("null", journey.Description);
        Assert.Equal("null", journey.Settings.IdentityResource);
    }

    [Fact]
    public void OddStaticNodeIds_AreKeptAside_AndMissingStandardOnesKeepModelDefaults()
    {
        var journey = ReadReference("frodo-lib_FrodoTestJourney10.journey.json", TestCatalog.Known);

        Assert.Equal(new Journey { Name = "x" }.StartPosition, journey.StartPosition);
        Assert.Equal(new Journey { Name = "x" }.FailurePosition, journey.FailurePosition);
        var odd = journey.ExtraTreeFields["staticNodes"];
        Assert.Equal(["node3", "node4"], odd.EnumerateObject().Select(p => p.Name));
        Assert.Equal(7, odd.GetProperty("node4").GetProperty("x").GetInt32());
    }

    [Fact]
    public void UiConfig_CarriesStudioSettings_AndKeepsOtherKeysAside()
    {
        var journey = Assert.Single(FrodoJourneyReader.Read(J("""
            {'tree': {'_id': 'A', 'transactionalOnly': false,
              'uiConfig': {'categories': '[\'MFA\']', 'realmDefault': 'true', 'themeOverride': 'Dark',
                           'maximumSessionDuration': '45', 'annotations': 'kept'}}}
            """), TestCatalog.Known));

        Assert.Equal(["MFA"], journey.Settings.Categories);
        Assert.True(journey.Settings.IsRealmDefault);
        Assert.Equal("Dark", journey.Settings.ThemeOverride);
        Assert.Equal(45, journey.Settings.MaximumSessionDurationMinutes);
        Assert.Equal(["annotations"], journey.ExtraTreeFields["uiConfig"].EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.False, journey.ExtraTreeFields["transactionalOnly"].ValueKind);
    }

    [Fact]
    public void MissingConfig_OfAKnownType_ImportsWithAnEmptyConfig()
    {
        var journey = Assert.Single(FrodoJourneyReader.Read(J("""
            {'tree': {'_id': 'A', 'entryNodeId': 'n1',
              'nodes': {'n1': {'nodeType': 'DataStoreDecisionNode', 'displayName': 'Check', 'x': 1, 'y': 2,
                               'connections': {'true': 'no-such-node'}}}}}
            """), TestCatalog.Known));

        var node = Assert.Single(journey.Nodes);
        Assert.Empty(node.Config);
        // A dangling connection is for validation to report, not a format error.
        Assert.Equal("no-such-node", node.Connections["true"]);
    }

    [Fact]
    public void PageChildConfig_FoundInNodesInsteadOfInnerNodes_IsTolerated()
    {
        var journey = Assert.Single(FrodoJourneyReader.Read(J("""
            {'tree': {'_id': 'A', 'nodes': {'p1': {'nodeType': 'PageNode', 'displayName': 'Login', 'x': 0, 'y': 0, 'connections': {}}}},
             'nodes': {'p1': {'_id': 'p1', 'nodes': [{'_id': 'c1', 'nodeType': 'ValidatedUsernameNode', 'displayName': 'User', 'nodeVersion': '2.0'}]},
                       'c1': {'_id': 'c1', 'usernameAttribute': 'mail'}}}
            """), TestCatalog.Known));

        var child = Assert.Single(Assert.Single(journey.Nodes).Children);
        Assert.Equal("mail", child.Config.GetString("usernameAttribute"));
        Assert.Equal("2.0", child.NodeVersion);
    }

    [Fact]
    public void NodeVersion_OnATreeNode_IsRead()
    {
        var journey = Assert.Single(FrodoJourneyReader.Read(J("""
            {'tree': {'_id': 'A', 'nodes': {'n1': {'nodeType': 'DataStoreDecisionNode', 'nodeVersion': '1.0'}}}}
            """), TestCatalog.Known));

        Assert.Equal("1.0", journey.Nodes[0].NodeVersion);
    }

    [Fact]
    public void MultiJourneyExport_GivesEveryJourneyInOrder_AndAMissingIdTakesTheKey()
    {
        var journeys = FrodoJourneyReader.Read(J("""
            {'meta': {}, 'trees': {
              'Second': {'tree': {'nodes': {}}},
              'First': {'tree': {'_id': 'First', 'description': 'one'}}}}
            """), TestCatalog.Known);

        Assert.Equal(["Second", "First"], journeys.Select(j => j.Name));
        Assert.Equal("one", journeys[1].Description);
    }

    [Fact]
    public void ExportSections_KeepContent_AndDropEmptyStandardOnes()
    {
        var journey = Assert.Single(FrodoJourneyReader.Read(J("""
            {'tree': {'_id': 'A'}, 'scripts': {'s1': {'name': 'check'}}, 'themes': [], 'emailTemplates': {},
             'variables': {}, 'meta': {'exportTool': 'frodo'}}
            """), TestCatalog.Known));

        Assert.Equal(["scripts", "variables"], journey.ExtraExportSections.Keys.Order());
        Assert.Equal("check", journey.ExtraExportSections["scripts"].GetProperty("s1").GetProperty("name").GetString());
    }

    [Fact]
    public void LeadingByteOrderMark_IsIgnored()
    {
        var journey = Assert.Single(FrodoJourneyReader.Read("\uFEFF" + J("{'tree': {'_id': 'A'}}"), TestCatalog.Known));

        Assert.Equal("A", journey.Name);
    }

    [Fact]
    public void EmptyMultiJourneyExport_GivesNoJourneys()
    {
        Assert.Empty(FrodoJourneyReader.Read(J("{'trees': {}}"), TestCatalog.Known));
    }
}
