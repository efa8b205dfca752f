using System.Text.Json;
using Bunit;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Web.Designer;
using MudBlazor.Services;

namespace JourneyStudio.Web.Tests.Designer;

public sealed class PropertyPanelTests : BunitContext
{
    private readonly JourneyEditSession _session;
    private readonly List<EditResult> _edits = [];

    public PropertyPanelTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
        var journey = TestJourneys.Sample() with
        {
            Nodes =
            [
                .. TestJourneys.Sample().Nodes,
                TestJourneys.Node(NodeTypeIds.OathRegistration, "oath"),
                TestJourneys.Node(NodeTypeIds.DeviceProfileCollector, "device"),
                TestJourneys.Node(NodeTypeIds.CombinedMfaRegistration, "combined"),
                TestJourneys.Node(NodeTypeIds.InnerTreeEvaluator, "inner"),
            ],
        };
        _session = new JourneyEditSession(journey, 1);
    }

    private IRenderedComponent<PropertyPanel> RenderFor(string nodeId, params string[] journeyNames) =>
        Render<PropertyPanel>(p => p
            .Add(x => x.Session, _session)
            .Add(x => x.NodeId, nodeId)
            .Add(x => x.JourneyNames, journeyNames)
            .Add(x => x.OnEdited, r => _edits.Add(r)));

    private NodeConfig ConfigOf(string nodeId) => _session.Current.FindNode(nodeId)!.Config;

    [Fact]
    public void ShowsAnEditorPerDescriptorProperty()
    {
        var panel = RenderFor("push");
        var descriptor = NodeCatalog.Default.Find(NodeTypeIds.PushSender)!;
        Assert.Equal(descriptor.Properties.Select(p => p.Name), panel.FindAll("[data-property]").Select(e => e.GetAttribute("data-property")));
        Assert.Equal("120000", panel.Find("[data-testid=prop-messageTimeout]").GetAttribute("value"));
    }

    [Fact]
    public void Text_InvalidValueIsShownAndNotApplied_ValidValueIsApplied()
    {
        var panel = RenderFor("oath");

        panel.Find("[data-testid=prop-bgColor]").Change("red");
        Assert.Contains("hex colour", panel.Find("[data-testid=error-bgColor]").TextContent);
        Assert.Equal("032b75", ConfigOf("oath").GetString("bgColor"));
        Assert.Empty(_edits);

        panel.Find("[data-testid=prop-bgColor]").Change("ff0000");
        Assert.Equal("ff0000", ConfigOf("oath").GetString("bgColor"));
        Assert.Empty(panel.FindAll("[data-testid=error-bgColor]"));
    }

    [Fact]
    public void Integer_RefusesTextAndOutOfRange_StoresNumbers()
    {
        var panel = RenderFor("push");

        panel.Find("[data-testid=prop-messageTimeout]").Change("soon");
        Assert.Contains("whole number", panel.Find("[data-testid=error-messageTimeout]").TextContent);
        panel.Find("[data-testid=prop-messageTimeout]").Change("500");
        Assert.Contains("at least 1000", panel.Find("[data-testid=error-messageTimeout]").TextContent);
        Assert.Equal("120000", ConfigOf("push")["messageTimeout"].GetRawText());

        panel.Find("[data-testid=prop-messageTimeout]").Change("5000");
        Assert.Equal(JsonValueKind.Number, ConfigOf("push").Get("messageTimeout")!.Value.ValueKind);
        Assert.Equal("5000", ConfigOf("push")["messageTimeout"].GetRawText());
    }

    [Fact]
    public void Integer_StoredAsString_KeepsAmsShape()
    {
        var panel = RenderFor("device");
        panel.Find("[data-testid=prop-maximumSize]").Change("64");
        Assert.Equal("64", ConfigOf("device").GetString("maximumSize"));
    }

    [Fact]
    public void Boolean_RemovingAnOutcome_ReportsTheDroppedConnectionVisibly()
    {
        var panel = RenderFor("push");

        panel.Find("[data-testid=prop-mandatory]").Change(true);

        Assert.Equal(true, ConfigOf("push").GetBoolean("mandatory"));
        var edit = Assert.Single(_edits);
        Assert.Equal("SKIPPED", Assert.Single(edit.RemovedConnections).OutcomeId);
        Assert.Contains("Push Sender: Skipped", panel.Find("[data-testid=outcome-notice]").TextContent);
        Assert.False(_session.Current.FindNode("push")!.Connections.ContainsKey("SKIPPED"));
    }

    [Fact]
    public void Choice_AppliesTheOption()
    {
        var panel = RenderFor("push");
        var select = panel.Find("[data-testid=prop-pushType]");
        Assert.Equal(["DEFAULT", "CHALLENGE", "BIOMETRIC"], select.QuerySelectorAll("option").Select(o => o.GetAttribute("value")));

        select.Change("CHALLENGE");
        Assert.Equal("CHALLENGE", ConfigOf("push").GetString("pushType"));
    }

    [Fact]
    public void TextList_TakesOneValuePerLine()
    {
        var panel = RenderFor("push");
        panel.Find("[data-testid=prop-customPayload]").Change("deviceName\n\n  location \n");
        Assert.Equal("""["deviceName","location"]""", ConfigOf("push")["customPayload"].GetRawText());
    }

    [Fact]
    public void LocalizedText_EditsLocaleRows_AndRefusesBadLocales()
    {
        var panel = RenderFor("push");

        panel.Find("[data-property=userMessage] [data-testid=locale-add]").Click();
        panel.Find("[data-property=userMessage] [data-testid=locale-text]").Change("Is that you?");
        Assert.Contains("needs a locale", panel.Find("[data-testid=error-userMessage]").TextContent);
        panel.Find("[data-property=userMessage] [data-testid=locale-key]").Change("english!");
        Assert.Contains("invalid locale 'english!'", panel.Find("[data-testid=error-userMessage]").TextContent);
        Assert.Empty(ConfigOf("push").GetLocalized("userMessage")!);

        panel.Find("[data-property=userMessage] [data-testid=locale-key]").Change("en-gb");
        Assert.Equal(new Dictionary<string, string> { ["en-gb"] = "Is that you?" }, ConfigOf("push").GetLocalized("userMessage"));

        panel.Find("[data-property=userMessage] [data-testid=locale-remove]").Click();
        Assert.Empty(ConfigOf("push").GetLocalized("userMessage")!);
    }

    [Fact]
    public void JourneyReference_OffersExistingJourneys()
    {
        var panel = RenderFor("inner", "Login", "Registration");
        var select = panel.Find("[data-testid=prop-tree]");
        Assert.Equal(["", "Login", "Registration"], select.QuerySelectorAll("option").Select(o => o.GetAttribute("value")));

        select.Change("Registration");
        Assert.Equal("Registration", ConfigOf("inner").GetString("tree"));

        select.Change("");
        Assert.Contains("required", panel.Find("[data-testid=error-tree]").TextContent);
        Assert.Equal("Registration", ConfigOf("inner").GetString("tree"));
    }

    [Fact]
    public void JsonText_RefusesInvalidJson()
    {
        var panel = RenderFor("combined");
        var before = ConfigOf("combined").GetString("policiesJson");

        panel.Find("[data-testid=prop-policiesJson]").Change("{ not json");
        Assert.Contains("not valid JSON", panel.Find("[data-testid=error-policiesJson]").TextContent);
        Assert.Equal(before, ConfigOf("combined").GetString("policiesJson"));

        panel.Find("[data-testid=prop-policiesJson]").Change("{\"a\":1}");
        Assert.Equal("{\"a\":1}", ConfigOf("combined").GetString("policiesJson"));
    }

    [Fact]
    public void DisplayName_IsEditable()
    {
        var panel = RenderFor("push");
        panel.Find("[data-testid=prop-displayName]").Change("Send push");
        Assert.Equal("Send push", _session.Current.FindNode("push")!.DisplayName);
    }

    [Fact]
    public void PageNode_EditsHeaderAndStage_AndReordersChildren()
    {
        _session.AddNodeToPage(NodeTypeIds.PasswordCollector, "page");
        var panel = RenderFor("page");
        Assert.NotEmpty(panel.FindAll("[data-property=pageHeader]"));
        Assert.NotEmpty(panel.FindAll("[data-property=pageDescription]"));

        panel.Find("[data-testid=prop-stage]").Change("login");
        Assert.Equal("login", ConfigOf("page").GetString("stage"));

        panel.Find("[data-testid=panel-page-children] [data-node-id=user] button[aria-label='Move down']").Click();
        Assert.Equal("user", _session.Current.FindNode("page")!.Children[^1].Id);
    }

    [Fact]
    public void PageChild_ShowsPageControls()
    {
        var panel = RenderFor("user");
        Assert.Contains("Page Node", panel.Find("[data-testid=page-membership]").TextContent);
        panel.Find("[data-testid=panel-child-out] button, button[data-testid=panel-child-out]").Click();
        Assert.Null(_session.Current.FindParentPage("user"));
    }

    [Fact]
    public void ReadOnly_DisablesEditors()
    {
        var panel = Render<PropertyPanel>(p => p.Add(x => x.Session, _session).Add(x => x.NodeId, "push").Add(x => x.ReadOnly, true));
        Assert.True(panel.Find("[data-testid=prop-messageTimeout]").HasAttribute("disabled"));
    }

    [Fact]
    public void Connections_ListEveryOutcomeWithItsTarget_ChoosingATargetRewiresAsOneUndoableEdit()
    {
        var panel = RenderFor("push");
        var selects = panel.FindAll("[data-testid=connection-select]");
        Assert.Equal(NodeCatalog.Default.GetOutcomes(_session.Current.FindNode("push")!).Select(o => o.Id), selects.Select(s => s.GetAttribute("data-outcome")));
        Assert.Equal(StaticNodeIds.Success, panel.Find("[data-outcome=SENT]").QuerySelector("option[selected]")!.GetAttribute("value"));

        panel.Find("[data-outcome=SENT]").Change("retry");
        Assert.Equal("retry", _session.Current.FindNode("push")!.Connections["SENT"]);

        panel.Find("[data-outcome=SKIPPED]").Change("");
        Assert.False(_session.Current.FindNode("push")!.Connections.ContainsKey("SKIPPED"));
        Assert.Equal(2, _edits.Count(e => e.Applied));

        _session.Undo();
        Assert.Equal(StaticNodeIds.Failure, _session.Current.FindNode("push")!.Connections["SKIPPED"]);
    }

    [Fact]
    public void Connections_OfStart_SetTheEntryNode_AndPageChildrenHaveNone()
    {
        var start = RenderFor(StaticNodeIds.Start);
        start.Find("[data-outcome=start]").Change("page");
        Assert.Equal("page", _session.Current.EntryNodeId);

        var child = RenderFor("user");
        Assert.Empty(child.FindAll("[data-testid=connection-select]"));
    }
}
