using JourneyStudio.Journeys.Model;
using JourneyStudio.Journeys.Validation;
using static JourneyStudio.Journeys.Tests.Validation.JourneyBuilder;

namespace JourneyStudio.Journeys.Tests.Validation;

public sealed partial class JourneyValidatorTests
{
    private static Journey InnerJourney(string name, string runs) => new JourneyBuilder(name)
        .StartAt("run")
        .Node("run", TestCatalog.InnerTree, $"Run {runs}", n => n.Set("tree", runs).Connect("true", Success).Connect("false", Failure))
        .Build();

    [Fact]
    public void Validate_InnerTreeEvaluatorWithoutJourney_ReportsError()
    {
        // One finding, not a second "Tree Name is required" from the config check.
        var finding = AssertSingleFinding(Validate(CleanLogin().Edit("inner", n => n.Set("tree", ""))),
            FindingSeverity.Error, FindingCodes.InnerJourneyNotSet, "inner");
        Assert.Equal("'Check Device' does not name the journey it should run.", finding.Message);
    }

    [Fact]
    public void Validate_InnerTreeEvaluatorWithNonTextJourney_ReportsConfigError()
    {
        AssertSingleFinding(Validate(CleanLogin().Edit("inner", n => n.Set("tree", 42))),
            FindingSeverity.Error, FindingCodes.InvalidConfig, "inner");
    }

    [Fact]
    public void Validate_InnerTreeEvaluatorNamesMissingJourney_ReportsError()
    {
        var finding = AssertSingleFinding(Validate(CleanLogin().Edit("inner", n => n.Set("tree", "NoSuchJourney"))),
            FindingSeverity.Error, FindingCodes.InnerJourneyMissing, "inner");
        Assert.Contains("runs journey 'NoSuchJourney', which does not exist", finding.Message);
    }

    [Fact]
    public void Validate_InnerTreeEvaluatorNamesItsOwnJourney_ReportsError()
    {
        var finding = AssertSingleFinding(Validate(CleanLogin().Edit("inner", n => n.Set("tree", "Login"))),
            FindingSeverity.Error, FindingCodes.InnerJourneySelf, "inner");
        Assert.Contains("which is this journey itself", finding.Message);
    }

    [Fact]
    public void Validate_InnerJourneyDirectCycle_ReportsError()
    {
        var finding = AssertSingleFinding(Validate(CleanLogin(), InnerJourney("DeviceCheck", runs: "Login")),
            FindingSeverity.Error, FindingCodes.InnerJourneyCycle, "inner");
        Assert.Contains("(Login -> DeviceCheck -> Login)", finding.Message);
    }

    [Fact]
    public void Validate_InnerJourneyCycleThroughSeveralJourneys_ReportsError()
    {
        var others = new[]
        {
            InnerJourney("DeviceCheck", runs: "Step2"),
            InnerJourney("Step2", runs: "Step3"),
            InnerJourney("Step3", runs: "Login"),
        };

        var finding = AssertSingleFinding(Validate(CleanLogin(), others), FindingSeverity.Error, FindingCodes.InnerJourneyCycle, "inner");
        Assert.Contains("(Login -> DeviceCheck -> Step2 -> Step3 -> Login)", finding.Message);
    }

    [Fact]
    public void Validate_InnerJourneysLoopingAmongThemselves_TerminatesWithoutCycleFinding()
    {
        // DeviceCheck -> Step2 -> DeviceCheck never comes back to Login; the search must still end.
        var lookups = 0;
        var others = new[] { InnerJourney("DeviceCheck", runs: "Step2"), InnerJourney("Step2", runs: "DeviceCheck") };

        var findings = JourneyValidator.Validate(CleanLogin().Build(), TestCatalog.Instance, name =>
        {
            lookups++;
            return others.FirstOrDefault(j => j.Name == name);
        });

        Assert.Empty(findings);
        Assert.Equal(2, lookups);
    }

    [Fact]
    public void Validate_InnerJourneyDisabled_ReportsWarning()
    {
        var disabled = new JourneyBuilder("DeviceCheck").StartAt(Success).Disabled().Build();

        var finding = AssertSingleFinding(Validate(CleanLogin(), disabled), FindingSeverity.Warning, FindingCodes.InnerJourneyDisabled, "inner");
        Assert.Contains("runs journey 'DeviceCheck', which is disabled", finding.Message);
    }
}
