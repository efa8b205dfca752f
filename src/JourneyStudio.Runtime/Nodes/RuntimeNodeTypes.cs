namespace JourneyStudio.Runtime.Nodes;

// The catalogue's NodeTypeIds constants are being added in parallel; until they land, the type ids the
// runtime implements are spelled here and nowhere else, so switching over is a one-file change.
internal static class RuntimeNodeTypes
{
    public const string UsernameCollector = "UsernameCollectorNode";
    public const string PasswordCollector = "PasswordCollectorNode";
    public const string ValidatedUsername = "ValidatedUsernameNode";
    public const string ValidatedPassword = "ValidatedPasswordNode";
    public const string DataStoreDecision = "DataStoreDecisionNode";
    public const string DeviceProfileCollector = "DeviceProfileCollectorNode";
    public const string PollingWait = "PollingWaitNode";
    public const string RetryLimitDecision = "RetryLimitDecisionNode";
}
