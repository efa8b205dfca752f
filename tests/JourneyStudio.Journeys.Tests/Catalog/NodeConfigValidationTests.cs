using JourneyStudio.Journeys.Catalog;
using static JourneyStudio.Journeys.Catalog.NodeTypeIds;
using static JourneyStudio.Journeys.Tests.Catalog.CatalogTestHelpers;

namespace JourneyStudio.Journeys.Tests.Catalog;

public sealed class NodeConfigValidationTests
{
    [Theory]
    // Wrong JSON type.
    [InlineData(PushSender, "messageTimeout", "\"soon\"", "Message Timeout must be a whole number.")]
    [InlineData(PushSender, "mandatory", "\"yes\"", "Remove 'skip' option must be true or false.")]
    [InlineData(PushSender, "customPayload", "[\"ok\", 1]", "Custom Payload Attributes must be a list of text values.")]
    [InlineData(PushSender, "userMessage", "\"Hello\"", "User Message must map locales to text, e.g. {\"en\":\"...\"}.")]
    [InlineData(InnerTreeEvaluator, "tree", "5", "Tree Name must be text.")]
    [InlineData(DeviceProfileCollector, "maximumSize", "\"three\"", "Maximum Profile Size (KB) must be a whole number.")]
    // Out of range.
    [InlineData(PushSender, "messageTimeout", "999", "Message Timeout must be at least 1000.")]
    [InlineData(PushWait, "secondsToWait", "0", "Seconds To Wait must be at least 1.")]
    [InlineData(PollingWait, "secondsToWait", "0", "Seconds To Wait must be at least 1.")]
    [InlineData(PollingWait, "spamDetectionTolerance", "-1", "Spam Tolerance must be at least 0.")]
    [InlineData(RetryLimitDecision, "retryLimit", "0", "Retry Limit must be at least 1.")]
    [InlineData(PushRegistration, "timeout", "0", "Registration Response Timeout must be at least 1.")]
    [InlineData(CombinedMfaRegistration, "timeout", "-5", "Registration Response Timeout must be at least 1.")]
    [InlineData(OathRegistration, "minSharedSecretLength", "4", "Minimum Secret Key Length must be at least 8.")]
    [InlineData(OathRegistration, "truncationOffset", "16", "HOTP Truncation Offset must be at most 15.")]
    [InlineData(OathRegistration, "truncationOffset", "-2", "HOTP Truncation Offset must be at least -1.")]
    [InlineData(OathRegistration, "totpTimeInterval", "0", "TOTP Time Step Interval must be at least 1.")]
    [InlineData(OathTokenVerifier, "hotpWindowSize", "0", "HOTP Window Size must be at least 1.")]
    [InlineData(OathTokenVerifier, "totpTimeSteps", "0", "TOTP Time Steps must be at least 1.")]
    [InlineData(OathTokenVerifier, "maximumAllowedClockDrift", "0", "TOTP Maximum Allowed Clock Drift must be at least 1.")]
    [InlineData(DeviceProfileCollector, "maximumSize", "\"0\"", "Maximum Profile Size (KB) must be at least 1.")]
    // Unknown choice.
    [InlineData(PushSender, "pushType", "\"SMS\"", "Push Type must be one of DEFAULT, CHALLENGE, BIOMETRIC, not 'SMS'.")]
    [InlineData(PushRegistration, "accountName", "\"PHONE\"",
        "Account Name must be one of COMMON_NAME, EMAIL_ADDRESS, EMPLOYEE_NUMBER, GIVEN_NAME, LAST_NAME, USERNAME, not 'PHONE'.")]
    [InlineData(OathRegistration, "passwordLength", "\"SEVEN_DIGITS\"", "One Time Password Length must be one of SIX_DIGITS, EIGHT_DIGITS, not 'SEVEN_DIGITS'.")]
    [InlineData(OathTokenVerifier, "algorithm", "\"SHA\"", "OATH Algorithm must be one of TOTP, HOTP, not 'SHA'.")]
    [InlineData(CombinedMfaRegistration, "totpHashAlgorithm", "\"MD5\"", "TOTP Hash Algorithm must be one of HMAC_SHA1, HMAC_SHA256, HMAC_SHA512, not 'MD5'.")]
    [InlineData(RecoveryCodeCollectorDecision, "recoveryCodeType", "\"SMS\"", "Recovery Code Type must be one of OATH, PUSH, WEB_AUTHN, not 'SMS'.")]
    [InlineData(RecoveryCodeCollectorDecision, "recoveryCodeType", "1", "Recovery Code Type must be one of OATH, PUSH, WEB_AUTHN.")]
    // Bad hex colour and URLs.
    [InlineData(PushRegistration, "bgColor", "\"#032b75\"", "Background Color must be a hex colour of six digits without '#', such as 032b75.")]
    [InlineData(OathRegistration, "bgColor", "\"navy\"", "Background Color must be a hex colour of six digits without '#', such as 032b75.")]
    [InlineData(CombinedMfaRegistration, "bgColor", "\"032b7\"", "Background Color must be a hex colour of six digits without '#', such as 032b75.")]
    [InlineData(PushRegistration, "imgUrl", "\"logo.png\"", "Logo Image URL must be an http:// or https:// URL.")]
    [InlineData(GetAuthenticatorApp, "appleLink", "\"ftp://apps.example\"", "Apple App Store URL must be an http:// or https:// URL.")]
    // Bad locale key.
    [InlineData(PushSender, "userMessage", "{\"english!\":\"Hi\"}", "User Message has an invalid locale 'english!' (use e.g. en or en-gb).")]
    [InlineData(PageNode, "pageHeader", "{\"en\":\"Sign in\",\"1\":\"x\"}", "Page Header has an invalid locale '1' (use e.g. en or en-gb).")]
    [InlineData(PushWait, "exitMessage", "{\"en\":5}", "Exit Message must map locales to text, e.g. {\"en\":\"...\"}.")]
    // Invalid policies JSON.
    [InlineData(CombinedMfaRegistration, "policiesJson", "\"[1, 2]\"", "JSON Authenticator Policies must be a JSON object of policy name to parameters.")]
    [InlineData(CombinedMfaRegistration, "policiesJson", "\"{\\\"deviceTampering\\\": 0.8}\"",
        "JSON Authenticator Policies: the parameters of 'deviceTampering' must be a JSON object, e.g. {}.")]
    // Missing required values.
    [InlineData(InnerTreeEvaluator, "tree", "\"  \"", "Tree Name is required.")]
    [InlineData(InnerTreeEvaluator, "tree", "null", "Tree Name is required.")]
    [InlineData(PushRegistration, "issuer", "\"\"", "Issuer is required.")]
    [InlineData(PlatformUsername, "usernameAttribute", "\"\"", "Username Attribute is required.")]
    [InlineData(RetryLimitDecision, "incrementUserAttributeOnFailure", "null", "Save Retry Limit to User is required.")]
    // New node types.
    [InlineData(SetSuccessUrl, "successUrl", "\"javascript:alert(1)\"", "Success URL must be an http:// or https:// URL, or a path starting with /.")]
    [InlineData(SetSuccessUrl, "successUrl", "\" \"", "Success URL is required.")]
    [InlineData(Message, "messageYes", "{\"en\":true}", "Positive answer must map locales to text, e.g. {\"en\":\"...\"}.")]
    [InlineData(Message, "stateField", "3", "State field must be text.")]
    // Cross-field and list rules.
    [InlineData(PushSender, "customPayload", "[\"device\", \" \"]", "Custom Payload Attributes must not contain blank names.")]
    [InlineData(PushSender, "customPayload", "[\"device\", \"device\"]", "Custom Payload Attributes lists 'device' more than once.")]
    public void BadValue_GivesOneSpecificProblem(string typeId, string property, string valueJson, string expectedMessage)
    {
        var descriptor = Descriptor(typeId);
        var config = descriptor.CreateDefaultConfig().With("tree", "Login").With(property, Config($$"""{"v":{{valueJson}}}""")["v"]);
        if (typeId != InnerTreeEvaluator) config = config.Without("tree");

        var problems = descriptor.ValidateConfig(config);

        Assert.Equal([new ConfigProblem(property, expectedMessage)], problems);
    }

    [Fact]
    public void PoliciesJson_ThatIsNotJsonIsReportedOnceWithTheParserError()
    {
        var descriptor = Descriptor(CombinedMfaRegistration);

        var problems = descriptor.ValidateConfig(descriptor.CreateDefaultConfig().With("policiesJson", "{\"biometricAvailable\": {"));

        var problem = Assert.Single(problems);
        Assert.Equal("policiesJson", problem.PropertyName);
        Assert.StartsWith("JSON Authenticator Policies is not valid JSON:", problem.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("{\"biometricAvailable\": {}, \"deviceTampering\": {\"score\": 0.8}}")]
    public void PoliciesJson_EmptyOrObjectOfObjectsIsFine(string policies)
    {
        var descriptor = Descriptor(CombinedMfaRegistration);

        Assert.Empty(descriptor.ValidateConfig(descriptor.CreateDefaultConfig().With("policiesJson", policies)));
    }

    [Theory]
    [InlineData(OathRegistration, "SIX_DIGITS", 7)]
    [InlineData(OathRegistration, "EIGHT_DIGITS", 9)]
    [InlineData(CombinedMfaRegistration, "SIX_DIGITS", 7)]
    public void HotpWithChecksumDigit_IsReportedBecauseTheVerifierRejectsThoseCodes(string typeId, string passwordLength, int digits)
    {
        var descriptor = Descriptor(typeId);
        var config = descriptor.CreateDefaultConfig().With("algorithm", "HOTP").With("addChecksum", true).With("passwordLength", passwordLength);

        var problems = descriptor.ValidateConfig(config);

        Assert.Equal(
            [new ConfigProblem("addChecksum", $"HOTP Checksum Digit makes the HOTP codes {digits} digits long, but the OATH Token Verifier accepts only 6 or 8 digits.")],
            problems);
    }

    [Fact]
    public void TotpWithChecksumDigit_IsFineBecauseTotpIgnoresIt()
    {
        var descriptor = Descriptor(OathRegistration);

        Assert.Empty(descriptor.ValidateConfig(descriptor.CreateDefaultConfig().With("addChecksum", true)));
    }

    [Theory]
    [InlineData(PushRegistration, "bgColor", "FFAA00")]
    [InlineData(PushRegistration, "imgUrl", "")]
    [InlineData(PushRegistration, "imgUrl", "https://example.com/logo.png")]
    [InlineData(DeviceProfileCollector, "maximumSize", "12")]
    [InlineData(PageNode, "stage", "null")]
    [InlineData(PageNode, "pageHeader", null)]
    [InlineData(PushSender, "userMessage", null)]
    public void AcceptableValues_GiveNoProblems(string typeId, string property, object? value)
    {
        var descriptor = Descriptor(typeId);

        Assert.Empty(descriptor.ValidateConfig(descriptor.CreateDefaultConfig().With(property, value)));
    }

    [Fact]
    public void Validation_ReportsEveryProblemOfAConfig()
    {
        var descriptor = Descriptor(PushSender);
        var config = Config("""{"messageTimeout":10,"pushType":"SMS","userMessage":{"en":"Hi"}}""");

        var problems = descriptor.ValidateConfig(config);

        Assert.Equal(["messageTimeout", "pushType"], problems.Select(p => p.PropertyName));
    }

    [Fact]
    public void WithDefaults_KeepsExplicitValuesAndFillsTheRest()
    {
        var descriptor = Descriptor(PushSender);
        var config = Config("""{"messageTimeout":5000,"pushType":"CHALLENGE","mandatory":true,"userMessage":{"fr":"Bonjour"},"custom":"kept"}""");

        var filled = descriptor.WithDefaults(config);

        Assert.Equal("5000", filled["messageTimeout"].GetRawText());
        Assert.Equal("\"CHALLENGE\"", filled["pushType"].GetRawText());
        Assert.Equal("true", filled["mandatory"].GetRawText());
        Assert.Equal("""{"fr":"Bonjour"}""", filled["userMessage"].GetRawText());
        Assert.Equal("\"kept\"", filled["custom"].GetRawText());
        Assert.Equal("false", filled["captureFailure"].GetRawText());
        Assert.Equal("false", filled["contextInfo"].GetRawText());
        Assert.Equal("[]", filled["customPayload"].GetRawText());
    }

    [Fact]
    public void WithDefaults_KeepsTheStoredShapeOfAmStringNumbers()
    {
        var descriptor = Descriptor(DeviceProfileCollector);

        var filled = descriptor.WithDefaults(Config("""{"maximumSize":"10"}"""));

        Assert.Equal("\"10\"", filled["maximumSize"].GetRawText());
        Assert.Equal(10m, new JourneyStudio.Journeys.Catalog.Nodes.DeviceProfileCollectorDescriptor().Bind(filled).MaximumSizeKb);
    }

    public static TheoryData<string> AllTypeIds => new(NodeTypeIds.All);

    [Theory]
    [MemberData(nameof(AllTypeIds))]
    public void WithDefaults_OfADefaultConfigChangesNothing(string typeId)
    {
        var descriptor = Descriptor(typeId);
        var defaults = descriptor.CreateDefaultConfig();

        Assert.True(descriptor.WithDefaults(defaults).ContentEquals(defaults));
    }
}
