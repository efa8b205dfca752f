using JourneyStudio.Journeys.Catalog;
using static JourneyStudio.Journeys.Catalog.NodeTypeIds;
using static JourneyStudio.Journeys.Tests.Catalog.CatalogTestHelpers;

namespace JourneyStudio.Journeys.Tests.Catalog;

public sealed class NodeCatalogContentsTests
{
    [Fact]
    public void Default_HoldsExactlyTheCataloguedNodeTypes()
    {
        string[] expected =
        [
            "PageNode", "ValidatedUsernameNode", "ValidatedPasswordNode", "UsernameCollectorNode", "PasswordCollectorNode",
            "DataStoreDecisionNode", "DeviceProfileCollectorNode", "PushAuthenticationSenderNode", "PushWaitNode",
            "PushResultVerifierNode", "PollingWaitNode", "RetryLimitDecisionNode", "RecoveryCodeCollectorDecisionNode",
            "RecoveryCodeDisplayNode", "MultiFactorRegistrationOptionsNode", "PushRegistrationNode", "OathRegistrationNode",
            "CombinedMultiFactorRegistrationNode", "OathTokenVerifierNode", "GetAuthenticatorAppNode",
            "OptOutMultiFactorAuthenticationNode", "InnerTreeEvaluatorNode", "MessageNode", "SetSuccessUrlNode",
            "ScriptedDecisionNode", "IdentifyExistingUserNode", "CreateObjectNode", "PatchObjectNode",
            "AttributePresentDecisionNode", "AttributeValueDecisionNode", "QueryFilterDecisionNode", "IdentityStoreDecisionNode",
            "IncrementLoginCountNode", "LoginCountDecisionNode", "KbaVerifyNode",
            "AttributeCollectorNode", "ChoiceCollectorNode", "AccountLockoutNode",
            "AcceptTermsAndConditionsNode", "KbaCreateNode", "SessionDataNode", "AnonymousUserNode", "EmailSuspendNode", "EmailTemplateNode",
        ];

        Assert.Equal(expected.Order(), NodeCatalog.Default.All.Select(d => d.TypeId).Order());
        Assert.Equal(expected.Order(), NodeTypeIds.All.Order());
    }

    [Fact]
    public void Default_AgreesWithTheCatalogsOwnPageAndInnerTreeIds()
    {
        Assert.Equal(NodeCatalog.PageNodeType, PageNode);
        Assert.Equal(NodeCatalog.InnerTreeNodeType, InnerTreeEvaluator);
    }

    [Theory]
    [InlineData(PageNode, "Page Node", NodeCategories.Basic, false)]
    [InlineData(PlatformUsername, "Platform Username", NodeCategories.Basic, true)]
    [InlineData(PlatformPassword, "Platform Password", NodeCategories.Basic, true)]
    [InlineData(UsernameCollector, "Username Collector", NodeCategories.Basic, true)]
    [InlineData(PasswordCollector, "Password Collector", NodeCategories.Basic, true)]
    [InlineData(DataStoreDecision, "Data Store Decision", NodeCategories.Basic, false)]
    [InlineData(DeviceProfileCollector, "Device Profile Collector", NodeCategories.Contextual, true)]
    [InlineData(PushSender, "Push Sender", NodeCategories.Mfa, false)]
    [InlineData(PushWait, "Push Wait Node", NodeCategories.Mfa, false)]
    [InlineData(PushResultVerifier, "Push Result Verifier Node", NodeCategories.Mfa, false)]
    [InlineData(PollingWait, "Polling Wait Node", NodeCategories.Utilities, false)]
    [InlineData(RetryLimitDecision, "Retry Limit Decision", NodeCategories.Utilities, false)]
    [InlineData(RecoveryCodeCollectorDecision, "Recovery Code Collector Decision", NodeCategories.Mfa, true)]
    [InlineData(RecoveryCodeDisplay, "Recovery Code Display Node", NodeCategories.Mfa, true)]
    [InlineData(MfaRegistrationOptions, "MFA Registration Options", NodeCategories.Mfa, true)]
    [InlineData(PushRegistration, "Push Registration", NodeCategories.Mfa, false)]
    [InlineData(OathRegistration, "OATH Registration", NodeCategories.Mfa, false)]
    [InlineData(CombinedMfaRegistration, "Combined MFA Registration", NodeCategories.Mfa, false)]
    [InlineData(OathTokenVerifier, "OATH Token Verifier", NodeCategories.Mfa, true)]
    [InlineData(GetAuthenticatorApp, "Get Authenticator App", NodeCategories.Mfa, true)]
    [InlineData(OptOutMfa, "Opt-out Multi-Factor Authentication", NodeCategories.Mfa, false)]
    [InlineData(InnerTreeEvaluator, "Inner Tree Evaluator", NodeCategories.Utilities, false)]
    [InlineData(Message, "Message Node", NodeCategories.Utilities, true)]
    [InlineData(SetSuccessUrl, "Success URL", NodeCategories.Utilities, false)]
    [InlineData(IdentifyExistingUser, "Identify Existing User", NodeCategories.IdentityManagement, false)]
    [InlineData(CreateObject, "Create Object", NodeCategories.IdentityManagement, false)]
    [InlineData(PatchObject, "Patch Object", NodeCategories.IdentityManagement, false)]
    [InlineData(AttributePresentDecision, "Attribute Present Decision", NodeCategories.IdentityManagement, false)]
    [InlineData(AttributeValueDecision, "Attribute Value Decision", NodeCategories.IdentityManagement, false)]
    [InlineData(QueryFilterDecision, "Query Filter Decision", NodeCategories.IdentityManagement, false)]
    [InlineData(IdentityStoreDecision, "Identity Store Decision", NodeCategories.Basic, false)]
    [InlineData(IncrementLoginCount, "Increment Login Count", NodeCategories.IdentityManagement, false)]
    [InlineData(LoginCountDecision, "Login Count Decision", NodeCategories.IdentityManagement, false)]
    [InlineData(KbaVerify, "KBA Verification", NodeCategories.IdentityManagement, false)]
    [InlineData(AttributeCollector, "Attribute Collector", NodeCategories.Basic, true)]
    [InlineData(ChoiceCollector, "Choice Collector", NodeCategories.Utilities, true)]
    [InlineData(AccountLockout, "Account Lockout", NodeCategories.Utilities, false)]
    [InlineData(AcceptTermsAndConditions, "Accept Terms and Conditions", NodeCategories.Basic, true)]
    [InlineData(KbaCreate, "KBA Definition", NodeCategories.Basic, true)]
    [InlineData(SessionData, "Get Session Data", NodeCategories.Utilities, false)]
    [InlineData(AnonymousUser, "Anonymous User Mapping", NodeCategories.Basic, false)]
    public void Descriptor_HasAmDisplayNameCategoryAndPagePlacement(string typeId, string displayName, string category, bool canBeOnPage)
    {
        var descriptor = Descriptor(typeId);

        Assert.Equal(displayName, descriptor.DisplayName);
        Assert.Equal(category, descriptor.Category);
        Assert.Equal(canBeOnPage, descriptor.CanBeOnPage);
    }

    public static TheoryData<string> AllTypeIds => new(NodeTypeIds.All);

    [Theory]
    [MemberData(nameof(AllTypeIds))]
    public void Descriptor_HasAOneSentenceTooltip(string typeId)
    {
        var description = Descriptor(typeId).Description;

        Assert.EndsWith(".", description);
        Assert.DoesNotContain(". ", description);
    }

    [Theory]
    [MemberData(nameof(AllTypeIds))]
    public void Descriptor_PropertiesAreUniqueLabelledAndExplained(string typeId)
    {
        var properties = Descriptor(typeId).Properties;

        Assert.Equal(properties.Count, properties.Select(p => p.Name).Distinct().Count());
        Assert.All(properties, p =>
        {
            Assert.False(string.IsNullOrWhiteSpace(p.Label), $"{p.Name} has no label");
            Assert.False(string.IsNullOrWhiteSpace(p.Help), $"{p.Name} has no help text");
            Assert.Equal(p.Kind == ConfigValueKind.Choice, p.Options.Count > 0);
        });
    }

    [Theory]
    [MemberData(nameof(AllTypeIds))]
    public void DefaultConfig_PassesValidation(string typeId)
    {
        var descriptor = Descriptor(typeId);

        var problems = descriptor.ValidateConfig(descriptor.CreateDefaultConfig());

        if (typeId == InnerTreeEvaluator)
            // A new Inner Tree Evaluator cannot know which journey to run; that is the one thing the admin must fill in.
            Assert.Equal([new ConfigProblem("tree", "Tree Name is required.")], problems);
        else if (typeId == SetSuccessUrl)
            // Likewise the URL of a new Success URL node (AM requires it too).
            Assert.Equal([new ConfigProblem("successUrl", "Success URL is required.")], problems);
        else if (typeId == ScriptedDecision)
            // And the script and outcomes of a new Scripted Decision (AM has no defaults for either).
            Assert.Equal([new ConfigProblem("script", "Script is required."), new ConfigProblem("outcomes", "Outcomes needs at least one value.")], problems);
        else if (typeId == AttributePresentDecision)
            // The attribute to check has no sensible default (AM has none).
            Assert.Equal([new ConfigProblem("presentAttribute", "Present Attribute is required.")], problems);
        else if (typeId == AttributeValueDecision)
            Assert.Equal([new ConfigProblem("comparisonAttribute", "Comparison Attribute is required.")], problems);
        else if (typeId == QueryFilterDecision)
            Assert.Equal([new ConfigProblem("queryFilter", "Query Filter is required.")], problems);
        else
            Assert.Empty(problems);
    }

    [Theory]
    [MemberData(nameof(AllTypeIds))]
    public void DefaultConfig_HoldsEveryPropertyThatHasADefault(string typeId)
    {
        var descriptor = Descriptor(typeId);

        var config = descriptor.CreateDefaultConfig();

        Assert.Equal(descriptor.Properties.Where(p => p.Default is not null).Select(p => p.Name).Order(), config.Keys.Order());
    }

    [Fact]
    public void PageNode_StageIsOptionalWithoutDefault()
    {
        var stage = Descriptor(PageNode).FindProperty("stage");

        Assert.NotNull(stage);
        Assert.Null(stage.Default);
        Assert.False(stage.Required);
        Assert.Equal(["pageHeader", "pageDescription", "stage"], Descriptor(PageNode).Properties.Select(p => p.Name));
    }

    [Theory]
    [InlineData(PushSender, "pushType", "DEFAULT:Tap to Accept|CHALLENGE:Display Challenge Code|BIOMETRIC:Use Biometrics to Accept")]
    [InlineData(PushRegistration, "accountName",
        "COMMON_NAME:Common Name|EMAIL_ADDRESS:Email Address|EMPLOYEE_NUMBER:Employee Number|GIVEN_NAME:Given Name|LAST_NAME:Last Name|USERNAME:Username")]
    [InlineData(OathRegistration, "passwordLength", "SIX_DIGITS:6|EIGHT_DIGITS:8")]
    [InlineData(OathRegistration, "algorithm", "TOTP:TOTP|HOTP:HOTP")]
    [InlineData(CombinedMfaRegistration, "totpHashAlgorithm", "HMAC_SHA1:HMAC-SHA1|HMAC_SHA256:HMAC-SHA256|HMAC_SHA512:HMAC-SHA512")]
    [InlineData(OathTokenVerifier, "totpHashAlgorithm", "HMAC_SHA1:HMAC-SHA1|HMAC_SHA256:HMAC-SHA256|HMAC_SHA512:HMAC-SHA512")]
    [InlineData(RecoveryCodeCollectorDecision, "recoveryCodeType", "OATH:OATH|PUSH:Push|WEB_AUTHN:WebAuthn")]
    public void ChoiceProperty_OffersAmValuesWithLabels(string typeId, string property, string expected)
    {
        var options = Descriptor(typeId).FindProperty(property)!.Options;

        Assert.Equal(expected, string.Join("|", options.Select(o => $"{o.Value}:{o.Label}")));
    }

    [Theory]
    [InlineData(PushSender, "policiesJson", false)]
    [InlineData(CombinedMfaRegistration, "policiesJson", true)]
    [InlineData(OathRegistration, "timeout", false)]
    [InlineData(PushRegistration, "timeout", true)]
    [InlineData(CombinedMfaRegistration, "timeout", true)]
    [InlineData(OathRegistration, "postponeDeviceProfileStorage", true)]
    [InlineData(CombinedMfaRegistration, "postponeDeviceProfileStorage", false)]
    [InlineData(PushRegistration, "passwordLength", false)]
    public void RegistrationNodes_HaveExactlyTheirOwnAmProperties(string typeId, string property, bool present) =>
        Assert.Equal(present, Descriptor(typeId).FindProperty(property) is not null);

    [Fact]
    public void KindsFollowTheStoredShapes()
    {
        Assert.Equal(ConfigValueKind.JsonText, Descriptor(CombinedMfaRegistration).FindProperty("policiesJson")!.Kind);
        var tree = Descriptor(InnerTreeEvaluator).FindProperty("tree")!;
        Assert.Equal(ConfigValueKind.JourneyReference, tree.Kind);
        Assert.True(tree.Required);
        var maximumSize = Descriptor(DeviceProfileCollector).FindProperty("maximumSize")!;
        Assert.True(maximumSize.StoredAsString);
        Assert.Equal("\"3\"", maximumSize.Default!.Value.GetRawText());
        Assert.Equal(ConfigValueKind.TextList, Descriptor(PushSender).FindProperty("customPayload")!.Kind);
        Assert.Equal(ConfigValueKind.LocalizedText, Descriptor(PushSender).FindProperty("userMessage")!.Kind);
    }
}
