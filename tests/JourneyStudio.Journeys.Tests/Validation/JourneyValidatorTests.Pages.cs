using JourneyStudio.Journeys.Validation;

namespace JourneyStudio.Journeys.Tests.Validation;

public sealed partial class JourneyValidatorTests
{
    [Fact]
    public void Validate_EmptyPage_ReportsError()
    {
        var finding = AssertSingleFinding(Validate(CleanLogin().Edit("page", p => p.RemoveChildren())),
            FindingSeverity.Error, FindingCodes.PageEmpty, "page");
        Assert.Contains("Page 'Sign in' has no nodes on it", finding.Message);
    }

    [Fact]
    public void Validate_PageInsidePage_ReportsError()
    {
        var journey = CleanLogin().Edit("page", p => p.InsertChild(0, "nested", TestCatalog.Page, "Inner Page",
            c => c.Child("nested-input", TestCatalog.Input, "Nickname")));

        var finding = AssertSingleFinding(Validate(journey), FindingSeverity.Error, FindingCodes.NestedInPage, "nested");
        Assert.Contains("'Inner Page' cannot be placed on page 'Sign in'", finding.Message);
    }

    [Fact]
    public void Validate_InnerTreeEvaluatorInsidePage_ReportsError()
    {
        // Placed last so that its two outcomes become the page's outcomes and are wired.
        var journey = CleanLogin().Edit("page", p => p
            .Child("page-inner", TestCatalog.InnerTree, "Nested Journey", c => c.Set("tree", "DeviceCheck"))
            .Disconnect("outcome")
            .Connect("true", "decision")
            .Connect("false", JourneyBuilder.Failure));

        AssertSingleFinding(Validate(journey), FindingSeverity.Error, FindingCodes.NestedInPage, "page-inner");
    }

    [Fact]
    public void Validate_NonPageNodeOnPage_ReportsIllegalChildNodeType()
    {
        var journey = CleanLogin().Edit("page", p => p
            .Child("page-decision", TestCatalog.Decision, "Check Password")
            .Disconnect("outcome")
            .Connect("true", "decision")
            .Connect("false", JourneyBuilder.Failure));

        var finding = AssertSingleFinding(Validate(journey), FindingSeverity.Error, FindingCodes.IllegalPageChild, "page-decision");
        Assert.StartsWith("Illegal child node type: 'Check Password' (Test Decision) cannot be placed on page 'Sign in'", finding.Message);
    }

    [Fact]
    public void Validate_PageChildBeforeLastWithSeveralOutcomes_ReportsError()
    {
        var journey = CleanLogin().Edit("page", p => p.InsertChild(0, "confirm", TestCatalog.Choice, "Confirm"));

        var finding = AssertSingleFinding(Validate(journey), FindingSeverity.Error, FindingCodes.PageChildMultipleOutcomes, "confirm");
        Assert.Contains("'Confirm' on page 'Sign in' has 2 outcomes (True, False); only the last node on a page may have more than one", finding.Message);
    }

    [Fact]
    public void Validate_PageChildWithConnections_ReportsWarning()
    {
        var finding = AssertSingleFinding(Validate(CleanLogin().Edit("username", c => c.Connect("outcome", "decision"))),
            FindingSeverity.Warning, FindingCodes.PageChildConnectionsIgnored, "username");
        Assert.Contains("'Username' on page 'Sign in' has connections of its own (outcome); they are ignored", finding.Message);
    }
}
