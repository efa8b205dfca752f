using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Catalog.Nodes;
using JourneyStudio.Journeys.Model;
using static JourneyStudio.Journeys.Tests.Catalog.CatalogTestHelpers;

namespace JourneyStudio.Journeys.Tests.Catalog;

/// <summary>The typed node contract: a config record binds the stored AM config and describes the properties.</summary>
public sealed class NodeConfigBindingTests
{
    private static readonly PushSenderDescriptor PushSender = new();

    [Fact]
    public void Bind_EmptyConfig_GivesTheRecordsDefaults()
    {
        var config = PushSender.Bind(NodeConfig.Empty);

        Assert.Equal(120000, config.MessageTimeoutMilliseconds);
        Assert.Equal(PushSenderType.Default, config.PushType);
        Assert.Empty(config.CustomPayload);
        Assert.False(config.Mandatory);
        Assert.Equal(PushSenderDescriptor.DefaultUserMessage, config.UserMessage.Resolve(["en"]));
    }

    [Fact]
    public void Bind_StoredValues_ReadInAmsShapes()
    {
        var config = PushSender.Bind(Config("""
            {"messageTimeout":60000,"pushType":"CHALLENGE","customPayload":["device"],"mandatory":"true",
             "userMessage":{"de":"Anmeldung von {{user}}","en":"Sign-on by {{user}}"},"someFieldOfANewerAm":{"x":1}}
            """));

        Assert.Equal(60000, config.MessageTimeoutMilliseconds);
        Assert.Equal(PushSenderType.Challenge, config.PushType);
        Assert.Equal(["device"], config.CustomPayload);
        Assert.True(config.Mandatory); // AM's REST API also takes "true"
        Assert.Equal("Anmeldung von {{user}}", config.UserMessage.Resolve(["de-CH"]));
        Assert.Equal("Sign-on by {{user}}", config.UserMessage.Resolve(["fr"]));
    }

    [Fact]
    public void Bind_ValueOfTheWrongShape_KeepsTheDefaultWhileValidationNamesIt()
    {
        var stored = Config("""{"messageTimeout":"soon","pushType":"SMS","customPayload":["ok",1]}""");

        var config = PushSender.Bind(stored);

        Assert.Equal(120000, config.MessageTimeoutMilliseconds);
        Assert.Equal(PushSenderType.Default, config.PushType);
        Assert.Empty(config.CustomPayload);
        Assert.Equal(["messageTimeout", "customPayload", "pushType"], PushSender.ValidateConfig(stored).Select(p => p.PropertyName));
    }

    [Fact]
    public void Bind_NumberStoredAsString_ReadsDecimalsAndIsWrittenAsAString()
    {
        var descriptor = new DeviceProfileCollectorDescriptor();

        Assert.Equal(2.5m, descriptor.Bind(Config("""{"maximumSize":"2.5"}""")).MaximumSizeKb);
        Assert.Equal("\"3\"", descriptor.CreateDefaultConfig()["maximumSize"].GetRawText());
    }

    [Fact]
    public void Bind_SameStoredConfig_GivesTheSameRecord_AnEditedOneANewRecord()
    {
        var stored = Config("""{"retryLimit":5}""");
        var descriptor = new RetryLimitDecisionDescriptor();

        var first = descriptor.Bind(stored);
        var again = descriptor.Bind(stored);
        var edited = descriptor.Bind(stored.With("retryLimit", 6));

        Assert.Same(first, again);
        Assert.Equal(5, first.RetryLimit);
        Assert.Equal(6, edited.RetryLimit);
        Assert.Same(first, descriptor.BindConfig(stored));
    }

    [Fact]
    public void Groups_AreStoredFlatInAmsOrder()
    {
        string[] expected =
        [
            "issuer", "accountName", "bgColor", "imgUrl", "generateRecoveryCodes", "scanQRCodeMessage", "timeout",
            "passwordLength", "minSharedSecretLength", "algorithm", "totpTimeInterval", "totpHashAlgorithm", "addChecksum",
            "truncationOffset", "policiesJson",
        ];

        Assert.Equal(expected, Descriptor(NodeTypeIds.CombinedMfaRegistration).Properties.Select(p => p.Name));
        var config = new CombinedMfaRegistrationDescriptor().Bind(Config("""{"issuer":"Example","algorithm":"HOTP","timeout":90}"""));
        Assert.Equal("Example", config.Registration.Issuer);
        Assert.Equal(OathAlgorithm.Hotp, config.Oath.Algorithm);
        Assert.Equal(90, config.Timeout);
    }

    [Fact]
    public void LocalizedProperty_HelpNamesTheBuiltInText()
    {
        var help = Descriptor(NodeTypeIds.PollingWait).FindProperty("waitingMessage")!.Help;

        Assert.EndsWith("leave empty for the default \"Waiting for response...\".", help);
    }

    [Fact]
    public void OutcomesFollowTheBoundConfig_AndAreKeptWithIt()
    {
        var descriptor = new PollingWaitDescriptor();
        var stored = Config("""{"exitable":true}""");

        var outcomes = descriptor.GetOutcomes(stored);

        Assert.Equal([PollingWaitDescriptor.DoneOutcome, PollingWaitDescriptor.ExitedOutcome], outcomes.Select(o => o.Id));
        Assert.Same(outcomes, descriptor.GetOutcomes(stored));
    }

    public sealed record UnsupportedTypeConfig
    {
        [NodeProperty("when", "When", Help = "A date.")]
        public DateTime When { get; init; }
    }

    public enum UnlabelledChoice { First }

    public sealed record UnlabelledChoiceConfig
    {
        [NodeProperty("choice", "Choice", Help = "A choice.")]
        public UnlabelledChoice Choice { get; init; }
    }

    public sealed record RepeatedNameConfig
    {
        [NodeProperty("issuer", "Issuer again", Help = "Clashes with the group.")]
        public string Issuer { get; init; } = "";

        [NodePropertyGroup]
        public MfaRegistrationSettings Registration { get; init; } = new();
    }

    public sealed record UnmarkedConfig
    {
        public string Forgotten { get; init; } = "";
    }

    public sealed record NoHelpConfig
    {
        [NodeProperty("bare", "Bare")]
        public bool Bare { get; init; }
    }

    private sealed class Probe<TConfig> : SingleOutcomeNodeDescriptor<TConfig> where TConfig : class, new()
    {
        public override string TypeId => "ProbeNode";
        public override string DisplayName => "Probe";
        public override string Category => NodeCategories.Utilities;
    }

    [Fact]
    public void ARecordThatCannotBeDescribed_FailsWhenItsDescriptorIsMade()
    {
        Assert.Contains("has the type DateTime", Assert.Throws<InvalidOperationException>(() => new Probe<UnsupportedTypeConfig>()).Message);
        Assert.Contains("member First has no [ChoiceValue]", Assert.Throws<InvalidOperationException>(() => new Probe<UnlabelledChoiceConfig>()).Message);
        Assert.Contains("'issuer' is used twice", Assert.Throws<InvalidOperationException>(() => new Probe<RepeatedNameConfig>()).Message);
        Assert.Contains("Forgotten can be set but is neither", Assert.Throws<InvalidOperationException>(() => new Probe<UnmarkedConfig>()).Message);
        Assert.Contains("Bare has no help text", Assert.Throws<InvalidOperationException>(() => new Probe<NoHelpConfig>()).Message);
    }
}
