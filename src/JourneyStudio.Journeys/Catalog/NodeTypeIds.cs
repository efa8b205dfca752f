namespace JourneyStudio.Journeys.Catalog;

/// <summary>
/// The AM <c>nodeType</c> of every node type the studio knows. Descriptors, processors and tests refer to
/// these constants so that a misspelt type id is a compile error rather than a node that silently does nothing.
/// </summary>
public static class NodeTypeIds
{
    public const string PageNode = "PageNode";
    public const string PlatformUsername = "ValidatedUsernameNode";
    public const string PlatformPassword = "ValidatedPasswordNode";
    public const string UsernameCollector = "UsernameCollectorNode";
    public const string PasswordCollector = "PasswordCollectorNode";
    public const string DataStoreDecision = "DataStoreDecisionNode";
    public const string DeviceProfileCollector = "DeviceProfileCollectorNode";
    public const string PushSender = "PushAuthenticationSenderNode";
    public const string PushWait = "PushWaitNode";
    public const string PushResultVerifier = "PushResultVerifierNode";
    public const string PollingWait = "PollingWaitNode";
    public const string RetryLimitDecision = "RetryLimitDecisionNode";
    public const string RecoveryCodeCollectorDecision = "RecoveryCodeCollectorDecisionNode";
    public const string RecoveryCodeDisplay = "RecoveryCodeDisplayNode";
    public const string MfaRegistrationOptions = "MultiFactorRegistrationOptionsNode";
    public const string PushRegistration = "PushRegistrationNode";
    public const string OathRegistration = "OathRegistrationNode";
    public const string CombinedMfaRegistration = "CombinedMultiFactorRegistrationNode";
    public const string OathTokenVerifier = "OathTokenVerifierNode";
    public const string GetAuthenticatorApp = "GetAuthenticatorAppNode";
    public const string OptOutMfa = "OptOutMultiFactorAuthenticationNode";
    public const string InnerTreeEvaluator = "InnerTreeEvaluatorNode";
    public const string Message = "MessageNode";
    public const string SetSuccessUrl = "SetSuccessUrlNode";
    public const string ScriptedDecision = "ScriptedDecisionNode";
    public const string IdentifyExistingUser = "IdentifyExistingUserNode";
    public const string CreateObject = "CreateObjectNode";
    public const string PatchObject = "PatchObjectNode";
    public const string AttributePresentDecision = "AttributePresentDecisionNode";
    public const string AttributeValueDecision = "AttributeValueDecisionNode";
    public const string QueryFilterDecision = "QueryFilterDecisionNode";
    public const string IdentityStoreDecision = "IdentityStoreDecisionNode";
    public const string IncrementLoginCount = "IncrementLoginCountNode";
    public const string LoginCountDecision = "LoginCountDecisionNode";
    public const string KbaVerify = "KbaVerifyNode";
    public const string EmailSuspend = "EmailSuspendNode";
    public const string EmailTemplate = "EmailTemplateNode";
    public const string AttributeCollector = "AttributeCollectorNode";
    public const string ChoiceCollector = "ChoiceCollectorNode";
    public const string AccountLockout = "AccountLockoutNode";
    public const string AcceptTermsAndConditions = "AcceptTermsAndConditionsNode";
    public const string KbaCreate = "KbaCreateNode";
    public const string SessionData = "SessionDataNode";
    public const string AnonymousUser = "AnonymousUserNode";

    /// <summary>Every type id above, in the order of this file.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        PageNode, PlatformUsername, PlatformPassword, UsernameCollector, PasswordCollector, DataStoreDecision,
        DeviceProfileCollector, PushSender, PushWait, PushResultVerifier, PollingWait, RetryLimitDecision,
        RecoveryCodeCollectorDecision, RecoveryCodeDisplay, MfaRegistrationOptions, PushRegistration,
        OathRegistration, CombinedMfaRegistration, OathTokenVerifier, GetAuthenticatorApp, OptOutMfa,
        InnerTreeEvaluator, Message, SetSuccessUrl, ScriptedDecision,
        IdentifyExistingUser, CreateObject, PatchObject, AttributePresentDecision, AttributeValueDecision, QueryFilterDecision,
        IdentityStoreDecision, IncrementLoginCount, LoginCountDecision, KbaVerify,
        EmailSuspend, EmailTemplate,
        AttributeCollector, ChoiceCollector, AccountLockout, AcceptTermsAndConditions, KbaCreate, SessionData, AnonymousUser,
    ];
}
