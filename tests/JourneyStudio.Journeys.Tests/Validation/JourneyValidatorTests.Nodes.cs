using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Journeys.Validation;
using static JourneyStudio.Journeys.Tests.Validation.JourneyBuilder;

namespace JourneyStudio.Journeys.Tests.Validation;

public sealed partial class JourneyValidatorTests
{
    [Fact]
    public void Validate_DuplicateNodeId_ReportsError()
    {
        var finding = AssertSingleFinding(Validate(CleanLogin().Edit("password", c => c.Id = "username")),
            FindingSeverity.Error, FindingCodes.DuplicateNodeId, "username");
        Assert.Contains("'Password' on page 'Sign in' has the id 'username', which 'Username' already uses", finding.Message);
    }

    [Fact]
    public void Validate_DuplicateTopLevelNodeId_ReportsError()
    {
        var journey = CleanLogin().Node("decision", TestCatalog.Decision, "Copied Decision", n => n
            .Connect("true", Success)
            .Connect("false", Failure));

        AssertSingleFinding(Validate(journey), FindingSeverity.Error, FindingCodes.DuplicateNodeId, "decision");
    }

    [Fact]
    public void Validate_StaticIdUsedAsNodeId_ReportsError()
    {
        var finding = AssertSingleFinding(Validate(CleanLogin().Edit("password", c => c.Id = StaticNodeIds.Start)),
            FindingSeverity.Error, FindingCodes.ReservedNodeId, StaticNodeIds.Start);
        Assert.Contains("reserved for Start", finding.Message);
    }

    [Fact]
    public void Validate_ReachableUnknownNodeType_ReportsError()
    {
        var journey = CleanLogin()
            .Edit("decision", n => n.Connect("false", "legacy"))
            .Node("legacy", "VendorRiskNode", "Risk Check", n => n
                .Set(NodeCatalog.OutcomesKey, new[] { new { id = "outcome", displayName = "Outcome" } })
                .Connect("outcome", Failure));

        var finding = AssertSingleFinding(Validate(journey), FindingSeverity.Error, FindingCodes.UnknownNodeType, "legacy");
        Assert.Contains("'Risk Check' has the node type 'VendorRiskNode'", finding.Message);
        Assert.Contains("sign-ons that reach it will fail", finding.Message);
    }

    [Fact]
    public void Validate_UnreachableUnknownNodeType_ReportsWarning()
    {
        var journey = CleanLogin().Node("legacy", "VendorRiskNode", "Risk Check", n => n.Connect("outcome", Failure));

        var findings = Validate(journey);

        Assert.Collection(findings,
            f => AssertFinding(f, FindingSeverity.Warning, FindingCodes.UnknownNodeType, "legacy"),
            f => AssertFinding(f, FindingSeverity.Warning, FindingCodes.UnreachableNode, "legacy"));
        Assert.Contains("kept as imported; the runtime cannot run it", findings[0].Message);
    }

    [Fact]
    public void Validate_UnknownNodeTypeOnReachablePage_ReportsError()
    {
        var journey = CleanLogin().Edit("page", p => p.InsertChild(0, "captcha", "VendorCaptchaNode", "Captcha"));

        AssertSingleFinding(Validate(journey), FindingSeverity.Error, FindingCodes.UnknownNodeType, "captcha");
    }

    [Fact]
    public void Validate_InvalidConfig_ReportsOneErrorPerProblem()
    {
        var findings = Validate(CleanLogin().Edit("sender", n => n.Set("mandatory", "yes").Set("timeout", 0)));

        Assert.Collection(findings,
            f =>
            {
                AssertFinding(f, FindingSeverity.Error, FindingCodes.InvalidConfig, "sender");
                Assert.Equal("Setting 'Mandatory' of 'Push Sender': Mandatory must be true or false.", f.Message);
            },
            f =>
            {
                AssertFinding(f, FindingSeverity.Error, FindingCodes.InvalidConfig, "sender");
                Assert.Equal("Setting 'Timeout' of 'Push Sender': Timeout must be at least 1.", f.Message);
            });
    }

    [Fact]
    public void Validate_InvalidConfigOfPageChild_ReportsError()
    {
        var finding = AssertSingleFinding(Validate(CleanLogin().Edit("password", c => c.Set("prompt", " "))),
            FindingSeverity.Error, FindingCodes.InvalidConfig, "password");
        Assert.Equal("Setting 'Prompt' of 'Password' on page 'Sign in': Prompt is required.", finding.Message);
    }

    [Fact]
    public void Validate_AbsentPropertyWithDefault_IsNotReportedMissing()
    {
        // "username" sets no prompt at all: the default applies, as it does for outcomes and at runtime.
        var journey = CleanLogin().Build();
        Assert.False(journey.FindNode("username")!.Config.ContainsKey("prompt"));
        Assert.Empty(Validate(CleanLogin()));
    }
}
