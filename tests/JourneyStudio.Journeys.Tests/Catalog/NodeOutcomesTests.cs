using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Catalog.Nodes;
using JourneyStudio.Journeys.Model;
using static JourneyStudio.Journeys.Catalog.NodeTypeIds;
using static JourneyStudio.Journeys.Tests.Catalog.CatalogTestHelpers;

namespace JourneyStudio.Journeys.Tests.Catalog;

public sealed class NodeOutcomesTests
{
    [Theory]
    // Static outcome sets.
    [InlineData(PlatformUsername, "{}", "outcome:Outcome")]
    [InlineData(PlatformPassword, "{}", "outcome:Outcome")]
    [InlineData(UsernameCollector, "{}", "outcome:Outcome")]
    [InlineData(PasswordCollector, "{}", "outcome:Outcome")]
    [InlineData(DataStoreDecision, "{}", "true:True|false:False")]
    [InlineData(DeviceProfileCollector, "{}", "outcome:Outcome")]
    [InlineData(PushWait, "{}", "DONE:Done|EXITED:Exit")]
    [InlineData(PushResultVerifier, "{}", "TRUE:Success|FALSE:Failure|EXPIRED:Expired|WAITING:Waiting")]
    [InlineData(RetryLimitDecision, "{}", "Retry:Retry|Reject:Reject")]
    [InlineData(RecoveryCodeCollectorDecision, "{}", "true:True|false:False")]
    [InlineData(RecoveryCodeDisplay, "{}", "outcome:Outcome")]
    [InlineData(PushRegistration, "{}", "successOutcome:Success|failureOutcome:Failure|timeoutOutcome:Time Out")]
    [InlineData(OathRegistration, "{}", "successOutcome:Success|failureOutcome:Failure")]
    [InlineData(CombinedMfaRegistration, "{}", "successOutcome:Success|failureOutcome:Failure|timeoutOutcome:Time Out")]
    [InlineData(GetAuthenticatorApp, "{}", "outcome:Outcome")]
    [InlineData(OptOutMfa, "{}", "outcome:Outcome")]
    [InlineData(PageNode, "{}", "outcome:Outcome")]
    // Scripted Decision: one port per configured outcome, named after it, in order.
    [InlineData(ScriptedDecision, """{"script":"s","outcomes":["shared and level","none"]}""", "shared and level:shared and level|none:none")]
    [InlineData(ScriptedDecision, "{}", "")]
    // Push Sender: SKIPPED unless mandatory, FAILURE only when failures are captured.
    [InlineData(PushSender, "{}", "SENT:Sent|NOT_REGISTERED:Not Registered|SKIPPED:Skipped")]
    [InlineData(PushSender, """{"mandatory":false,"captureFailure":false}""", "SENT:Sent|NOT_REGISTERED:Not Registered|SKIPPED:Skipped")]
    [InlineData(PushSender, """{"mandatory":true,"captureFailure":false}""", "SENT:Sent|NOT_REGISTERED:Not Registered")]
    [InlineData(PushSender, """{"mandatory":false,"captureFailure":true}""", "SENT:Sent|NOT_REGISTERED:Not Registered|SKIPPED:Skipped|FAILURE:Failure")]
    [InlineData(PushSender, """{"mandatory":true,"captureFailure":true}""", "SENT:Sent|NOT_REGISTERED:Not Registered|FAILURE:Failure")]
    // MFA Registration Options: Get App only with getApp; Skip and Opt-out only when not mandatory.
    [InlineData(MfaRegistrationOptions, "{}", "registerOutcome:Register|getAppOutcome:Get App|skipOutcome:Skip|optOutOutcome:Opt-out")]
    [InlineData(MfaRegistrationOptions, """{"getApp":true,"mandatory":false}""", "registerOutcome:Register|getAppOutcome:Get App|skipOutcome:Skip|optOutOutcome:Opt-out")]
    [InlineData(MfaRegistrationOptions, """{"getApp":false,"mandatory":false}""", "registerOutcome:Register|skipOutcome:Skip|optOutOutcome:Opt-out")]
    [InlineData(MfaRegistrationOptions, """{"getApp":true,"mandatory":true}""", "registerOutcome:Register|getAppOutcome:Get App")]
    [InlineData(MfaRegistrationOptions, """{"getApp":false,"mandatory":true}""", "registerOutcome:Register")]
    // Polling Wait: EXITED when exitable, SPAM when spam detection is on.
    [InlineData(PollingWait, "{}", "DONE:Done")]
    [InlineData(PollingWait, """{"exitable":true,"spamDetectionEnabled":false}""", "DONE:Done|EXITED:Exited")]
    [InlineData(PollingWait, """{"exitable":false,"spamDetectionEnabled":true}""", "DONE:Done|SPAM:Spam")]
    [InlineData(PollingWait, """{"exitable":true,"spamDetectionEnabled":true}""", "DONE:Done|EXITED:Exited|SPAM:Spam")]
    // OATH Token Verifier: recovery code outcome only when allowed.
    [InlineData(OathTokenVerifier, "{}", "successOutcome:Success|failureOutcome:Failure|notRegisteredOutcome:Not registered")]
    [InlineData(OathTokenVerifier, """{"isRecoveryCodeAllowed":true}""",
        "successOutcome:Success|failureOutcome:Failure|notRegisteredOutcome:Not registered|recoveryCodeOutcome:Recovery Code")]
    // Inner Tree Evaluator: error only when displayErrorOutcome is on.
    [InlineData(InnerTreeEvaluator, """{"tree":"Login"}""", "true:True|false:False")]
    [InlineData(InnerTreeEvaluator, """{"tree":"Login","displayErrorOutcome":true}""", "true:True|false:False|error:Error")]
    // Message Node decides; Success URL goes on.
    [InlineData(Message, "{}", "true:True|false:False")]
    [InlineData(SetSuccessUrl, """{"successUrl":"/done"}""", "outcome:Outcome")]
    public void Outcomes_FollowTheConfig(string typeId, string configJson, string expected)
    {
        var config = Config(configJson);
        var node = new JourneyNode { Id = "n1", NodeType = typeId, Config = config };

        // The descriptor must cope with absent properties, and the catalogue (which fills defaults) must agree.
        Assert.Equal(expected, Describe(Descriptor(typeId).GetOutcomes(config)));
        Assert.Equal(expected, Describe(NodeCatalog.Default.GetOutcomes(node)));
    }

    [Fact]
    public void PageNode_HasTheLastChildsOutcomes()
    {
        var page = new JourneyNode
        {
            Id = "page",
            NodeType = PageNode,
            Children =
            [
                new JourneyNode { Id = "u", NodeType = PlatformUsername },
                new JourneyNode { Id = "o", NodeType = MfaRegistrationOptions, Config = Config("""{"mandatory":true,"getApp":true}""") },
            ],
        };

        Assert.Equal("registerOutcome:Register|getAppOutcome:Get App", Describe(NodeCatalog.Default.GetOutcomes(page)));
    }

    [Fact]
    public void PageNode_EndingInAVerifierWithRecoveryCodesHasItsFourOutcomes()
    {
        var page = new JourneyNode
        {
            Id = "page",
            NodeType = PageNode,
            Children = [new JourneyNode { Id = "v", NodeType = OathTokenVerifier, Config = Config("""{"isRecoveryCodeAllowed":true}""") }],
        };

        Assert.Equal(
            "successOutcome:Success|failureOutcome:Failure|notRegisteredOutcome:Not registered|recoveryCodeOutcome:Recovery Code",
            Describe(NodeCatalog.Default.GetOutcomes(page)));
    }

    [Fact]
    public void PageNode_WithInputChildrenOnlyHasTheSingleOutcome()
    {
        var page = new JourneyNode
        {
            Id = "page",
            NodeType = PageNode,
            Children = [new JourneyNode { Id = "u", NodeType = PlatformUsername }, new JourneyNode { Id = "p", NodeType = PlatformPassword }],
        };

        Assert.Equal("outcome:Outcome", Describe(NodeCatalog.Default.GetOutcomes(page)));
    }

    [Fact]
    public void OutcomeIdConstants_MatchTheOutcomesTheyName()
    {
        var sender = Descriptor(PushSender).GetOutcomes(Config("""{"captureFailure":true}""")).Select(o => o.Id);
        Assert.Equal(
            [PushSenderDescriptor.SentOutcome, PushSenderDescriptor.NotRegisteredOutcome,
             PushSenderDescriptor.SkippedOutcome, PushSenderDescriptor.FailureOutcome],
            sender);
        var options = Descriptor(MfaRegistrationOptions).GetOutcomes(Config("{}")).Select(o => o.Id);
        Assert.Equal(
            [MfaRegistrationOptionsDescriptor.RegisterOutcome, MfaRegistrationOptionsDescriptor.GetAppOutcome,
             MfaRegistrationOptionsDescriptor.SkipOutcome, MfaRegistrationOptionsDescriptor.OptOutOutcome],
            options);
    }
}
