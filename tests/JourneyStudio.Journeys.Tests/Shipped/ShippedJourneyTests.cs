using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Frodo;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Journeys.Validation;

namespace JourneyStudio.Journeys.Tests.Shipped;

/// <summary>The journeys in the repository's journeys/ folder, which the studio imports at first start.</summary>
public sealed class ShippedJourneyTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "ShippedJourneys");

    public static TheoryData<string> Files =>
        new(Directory.GetFiles(Folder, "*.journey.json").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    private static IReadOnlyList<Journey> All() =>
        Directory.GetFiles(Folder, "*.journey.json").SelectMany(f => FrodoJourneyReader.Read(File.ReadAllText(f))).ToList();

    [Fact]
    public void Folder_HoldsTheShippedJourneys_AndIdentityCloudsSixDefaultJourneys()
    {
        var names = All().Select(j => j.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
        [
            "CombinedMFA", "Login", "Login with Push MFA", "PasswordlessPush",
            "PlatformForgottenUsername", "PlatformLogin", "PlatformProgressiveProfile", "PlatformRegistration",
            "PlatformResetPassword", "PlatformUpdatePassword", "PushAuthentication",
        ], names);
    }

    /// <summary>Identity Cloud's default journeys ship exactly as frodo exported them (the import must take them unchanged).</summary>
    [Theory]
    [InlineData("PlatformForgottenUsername")]
    [InlineData("PlatformLogin")]
    [InlineData("PlatformProgressiveProfile")]
    [InlineData("PlatformRegistration")]
    [InlineData("PlatformResetPassword")]
    [InlineData("PlatformUpdatePassword")]
    public void PlatformJourney_IsTheReferenceExportByteForByte(string name)
    {
        var shipped = File.ReadAllBytes(Path.Combine(Folder, $"{name}.journey.json"));
        var reference = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "IdentityNodes", $"frodo-cli_{name}.journey.json"));

        Assert.Equal(reference, shipped);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void ShippedJourney_Validates_WithNoFindingsAtAll(string file)
    {
        var all = All();
        var journey = Assert.Single(FrodoJourneyReader.Read(File.ReadAllText(Path.Combine(Folder, file))));

        var findings = JourneyValidator.Validate(journey, NodeCatalog.Default, name => all.FirstOrDefault(j => j.Name == name));

        Assert.Empty(findings.Select(f => $"{f.Severity} {f.Code} {f.NodeId}: {f.Message}"));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void ShippedJourney_ExportedAndImportedAgain_IsTheSameJourney(string file)
    {
        var journey = Assert.Single(FrodoJourneyReader.Read(File.ReadAllText(Path.Combine(Folder, file))));

        var again = Assert.Single(FrodoJourneyReader.Read(FrodoJourneyWriter.WriteSingle(journey)));

        Assert.Empty(JourneyComparer.Differences(journey, again));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void ShippedJourney_UsesOnlyKnownNodeTypes(string file)
    {
        var journey = Assert.Single(FrodoJourneyReader.Read(File.ReadAllText(Path.Combine(Folder, file))));

        Assert.All(journey.AllNodes(), node => Assert.True(NodeCatalog.Default.IsKnown(node.NodeType), node.NodeType));
    }

    [Fact]
    public void Login_IsTheOnlyRealmDefault()
    {
        Assert.Equal(["Login"], All().Where(j => j.Settings.IsRealmDefault).Select(j => j.Name));
    }

    [Fact]
    public void LoginWithPushMfa_FollowsTheUseCaseConnectionTable()
    {
        var journey = All().Single(j => j.Name == "Login with Push MFA");
        string Target(string displayName, string outcome)
        {
            var node = journey.Nodes.Single(n => n.DisplayName == displayName);
            var target = node.Connections[outcome];
            return target switch
            {
                StaticNodeIds.Success => "Success",
                StaticNodeIds.Failure => "Failure",
                _ => journey.FindNode(target)!.DisplayName,
            };
        }

        Assert.Equal("Page Node", journey.FindNode(journey.EntryNodeId)!.DisplayName);
        Assert.Equal("Data Store Decision", Target("Page Node", "outcome"));
        Assert.Equal("Push Sender", Target("Data Store Decision", "true"));
        Assert.Equal("Failure", Target("Data Store Decision", "false"));
        Assert.Equal("Push Wait Node", Target("Push Sender", "SENT"));
        Assert.Equal("Get Authenticator App", Target("Push Sender", "NOT_REGISTERED"));
        Assert.Equal("Push Result Verifier Node", Target("Push Wait Node", "DONE"));
        Assert.Equal("Recovery Code Collector Decision", Target("Push Wait Node", "EXITED"));
        Assert.Equal("Success", Target("Push Result Verifier Node", "TRUE"));
        Assert.Equal("Failure", Target("Push Result Verifier Node", "FALSE"));
        Assert.Equal("Push Sender", Target("Push Result Verifier Node", "EXPIRED"));
        Assert.Equal("Push Wait Node", Target("Push Result Verifier Node", "WAITING"));
        Assert.Equal("Success", Target("Recovery Code Collector Decision", "true"));
        Assert.Equal("Retry Limit Decision", Target("Recovery Code Collector Decision", "false"));
        Assert.Equal("Recovery Code Collector Decision", Target("Retry Limit Decision", "Retry"));
        Assert.Equal("Failure", Target("Retry Limit Decision", "Reject"));
        Assert.Equal("Push Registration", Target("Get Authenticator App", "outcome"));
        Assert.Equal("Recovery Code Display Node", Target("Push Registration", "successOutcome"));
        Assert.Equal("Failure", Target("Push Registration", "failureOutcome"));
        Assert.Equal("Get Authenticator App", Target("Push Registration", "timeoutOutcome"));
        Assert.Equal("Push Sender", Target("Recovery Code Display Node", "outcome"));
        var page = journey.FindNode(journey.EntryNodeId)!;
        Assert.Equal([NodeTypeIds.PlatformUsername, NodeTypeIds.PlatformPassword], page.Children.Select(c => c.NodeType));
    }
}
