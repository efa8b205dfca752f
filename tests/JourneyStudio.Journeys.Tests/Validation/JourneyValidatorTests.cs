using JourneyStudio.Journeys.Model;
using JourneyStudio.Journeys.Validation;
using static JourneyStudio.Journeys.Tests.Validation.JourneyBuilder;

namespace JourneyStudio.Journeys.Tests.Validation;

/// <summary>
/// Each rule test starts from <see cref="CleanLogin"/> (which has no findings), breaks one thing and
/// expects exactly the finding that rule produces.
/// </summary>
public sealed partial class JourneyValidatorTests
{
    /// <summary>Start -> Page(Username, Password) -> Data Store Decision -> Push Sender -> Check Device (inner journey) -> Success.</summary>
    private static JourneyBuilder CleanLogin() => new JourneyBuilder("Login")
        .StartAt("page")
        .Page("page", "Sign in", p => p
            .Child("username", TestCatalog.Input, "Username")
            .Child("password", TestCatalog.Input, "Password", c => c.Set("prompt", "Password"))
            .Connect("outcome", "decision"))
        .Node("decision", TestCatalog.Decision, "Data Store Decision", n => n
            .Connect("true", "sender")
            .Connect("false", Failure))
        .Node("sender", TestCatalog.Sender, "Push Sender", n => n
            .Connect("SENT", "inner")
            .Connect("NOT_REGISTERED", Failure)
            .Connect("SKIPPED", Success))
        .Node("inner", TestCatalog.InnerTree, "Check Device", n => n
            .Set("tree", "DeviceCheck")
            .Connect("true", Success)
            .Connect("false", Failure));

    private static readonly Journey DeviceCheck = new JourneyBuilder("DeviceCheck").StartAt(Success).Build();

    private static IReadOnlyList<ValidationFinding> Validate(JourneyBuilder journey, params Journey[] otherJourneys)
    {
        var others = otherJourneys.Length == 0 ? [DeviceCheck] : otherJourneys;
        return JourneyValidator.Validate(journey.Build(), TestCatalog.Instance, name => others.FirstOrDefault(j => j.Name == name));
    }

    private static ValidationFinding AssertSingleFinding(
        IReadOnlyList<ValidationFinding> findings, FindingSeverity severity, string code, string? nodeId, string? outcome = null)
    {
        var finding = Assert.Single(findings);
        AssertFinding(finding, severity, code, nodeId, outcome);
        return finding;
    }

    private static void AssertFinding(ValidationFinding finding, FindingSeverity severity, string code, string? nodeId, string? outcome = null) =>
        Assert.Equal((severity, code, nodeId, outcome), (finding.Severity, finding.Code, finding.NodeId, finding.Outcome));

    [Fact]
    public void Validate_CleanJourney_ReportsNothing()
    {
        Assert.Empty(Validate(CleanLogin()));
    }

    [Fact]
    public void Validate_SeveralProblems_ListsJourneyLevelFindingsFirstThenNodesInOrder()
    {
        // Wiring Data Store Decision's True to Failure cuts off Push Sender, Check Device and Success.
        var journey = CleanLogin()
            .Edit("decision", n => n.Connect("true", Failure).Connect("false", "gone"))
            .Edit("password", c => c.Set("prompt", ""));

        var findings = Validate(journey);

        Assert.Equal(
            [
                (FindingCodes.SuccessUnreachable, StaticNodeIds.Success),
                (FindingCodes.InvalidConfig, "password"),
                (FindingCodes.ConnectionTargetMissing, "decision"),
                (FindingCodes.UnreachableNode, "sender"),
                (FindingCodes.UnreachableNode, "inner"),
            ],
            findings.Select(f => (f.Code, f.NodeId)));
        Assert.Equal(findings, Validate(journey));
    }
}
