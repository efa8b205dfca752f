using JourneyStudio.Journeys.Model;
using JourneyStudio.Journeys.Validation;
using static JourneyStudio.Journeys.Tests.Validation.JourneyBuilder;

namespace JourneyStudio.Journeys.Tests.Validation;

public sealed partial class JourneyValidatorTests
{
    [Fact]
    public void Validate_StartNotConnected_ReportsError()
    {
        var finding = AssertSingleFinding(Validate(CleanLogin().StartAt("")),
            FindingSeverity.Error, FindingCodes.StartNotConnected, StaticNodeIds.Start);
        Assert.Equal("Start is not connected to any node, so the journey cannot begin.", finding.Message);
    }

    [Fact]
    public void Validate_StartConnectedToMissingNode_ReportsError()
    {
        var finding = AssertSingleFinding(Validate(CleanLogin().StartAt("deleted-node")),
            FindingSeverity.Error, FindingCodes.StartNotConnected, StaticNodeIds.Start);
        Assert.Contains("'deleted-node'", finding.Message);
    }

    [Fact]
    public void Validate_StartConnectedToPageChild_ReportsError()
    {
        var finding = AssertSingleFinding(Validate(CleanLogin().StartAt("username")),
            FindingSeverity.Error, FindingCodes.ConnectionToPageChild, StaticNodeIds.Start);
        Assert.Contains("'Username', which is on page 'Sign in'", finding.Message);
    }

    [Fact]
    public void Validate_UnconnectedOutcome_ReportsError()
    {
        var finding = AssertSingleFinding(Validate(CleanLogin().Edit("decision", n => n.Disconnect("false"))),
            FindingSeverity.Error, FindingCodes.OutcomeNotConnected, "decision", "false");
        Assert.Equal("Outcome 'False' of 'Data Store Decision' is not connected to any node.", finding.Message);
    }

    [Fact]
    public void Validate_UnconnectedPageOutcome_UsesLastChildOutcomes()
    {
        // With a two-outcome node last, the page has True and False; only True is wired.
        var journey = CleanLogin().Edit("page", p => p
            .Child("confirm", TestCatalog.Choice, "Confirm")
            .Disconnect("outcome")
            .Connect("true", "decision"));

        var finding = AssertSingleFinding(Validate(journey), FindingSeverity.Error, FindingCodes.OutcomeNotConnected, "page", "false");
        Assert.Equal("Outcome 'False' of 'Sign in' is not connected to any node.", finding.Message);
    }

    [Fact]
    public void Validate_ConnectionToMissingNode_ReportsError()
    {
        var finding = AssertSingleFinding(Validate(CleanLogin().Edit("decision", n => n.Connect("false", "deleted-node"))),
            FindingSeverity.Error, FindingCodes.ConnectionTargetMissing, "decision", "false");
        Assert.Equal("Outcome 'False' of 'Data Store Decision' is connected to 'deleted-node', which is not a node of this journey.", finding.Message);
    }

    [Fact]
    public void Validate_ConnectionToStart_ReportsError()
    {
        AssertSingleFinding(Validate(CleanLogin().Edit("decision", n => n.Connect("false", StaticNodeIds.Start))),
            FindingSeverity.Error, FindingCodes.ConnectionTargetMissing, "decision", "false");
    }

    [Fact]
    public void Validate_StaleOutcomeConnection_ReportsWarning()
    {
        // Switching mandatory on removes SKIPPED; its connection to Success stays behind, dead.
        var finding = AssertSingleFinding(Validate(CleanLogin().Edit("sender", n => n.Set("mandatory", true))),
            FindingSeverity.Warning, FindingCodes.StaleConnection, "sender", "SKIPPED");
        Assert.Contains("'Push Sender' has a connection from outcome 'SKIPPED' to Success, but no longer has that outcome", finding.Message);
    }

    [Fact]
    public void Validate_StaleOutcomeConnectionToMissingNode_ReportsBoth()
    {
        var findings = Validate(CleanLogin().Edit("sender", n => n.Set("mandatory", true).Connect("SKIPPED", "deleted-node")));

        Assert.Collection(findings,
            f => AssertFinding(f, FindingSeverity.Warning, FindingCodes.StaleConnection, "sender", "SKIPPED"),
            f => AssertFinding(f, FindingSeverity.Error, FindingCodes.ConnectionTargetMissing, "sender", "SKIPPED"));
    }

    [Fact]
    public void Validate_ConnectionToPageChild_ReportsError()
    {
        var finding = AssertSingleFinding(Validate(CleanLogin().Edit("decision", n => n.Connect("false", "username"))),
            FindingSeverity.Error, FindingCodes.ConnectionToPageChild, "decision", "false");
        Assert.Contains("Outcome 'False' of 'Data Store Decision' is connected to 'Username', which is on page 'Sign in'", finding.Message);
    }

    [Fact]
    public void Validate_UnreachableNode_ReportsWarning()
    {
        var journey = CleanLogin().Node("orphan", TestCatalog.Decision, "Old Decision", n => n
            .Connect("true", Success)
            .Connect("false", Failure));

        var finding = AssertSingleFinding(Validate(journey), FindingSeverity.Warning, FindingCodes.UnreachableNode, "orphan");
        Assert.Equal("'Old Decision' cannot be reached from Start, so it never runs.", finding.Message);
    }

    [Fact]
    public void Validate_NodeReachableOnlyThroughStaleConnection_ReportsItUnreachable()
    {
        var journey = CleanLogin()
            .Edit("sender", n => n.Set("mandatory", true).Connect("SKIPPED", "extra"))
            .Node("extra", TestCatalog.Decision, "Extra", n => n.Connect("true", Success).Connect("false", Failure));

        Assert.Collection(Validate(journey),
            f => AssertFinding(f, FindingSeverity.Warning, FindingCodes.StaleConnection, "sender", "SKIPPED"),
            f => AssertFinding(f, FindingSeverity.Warning, FindingCodes.UnreachableNode, "extra"));
    }

    [Fact]
    public void Validate_SuccessUnreachable_ReportsWarning()
    {
        var journey = CleanLogin()
            .Edit("sender", n => n.Connect("SKIPPED", Failure))
            .Edit("inner", n => n.Connect("true", Failure));

        var finding = AssertSingleFinding(Validate(journey), FindingSeverity.Warning, FindingCodes.SuccessUnreachable, StaticNodeIds.Success);
        Assert.Contains("No path from Start reaches Success", finding.Message);
    }

    [Fact]
    public void Validate_StartConnectedStraightToSuccess_ReportsNothing()
    {
        Assert.Empty(Validate(new JourneyBuilder("Open").StartAt(Success)));
    }
}
