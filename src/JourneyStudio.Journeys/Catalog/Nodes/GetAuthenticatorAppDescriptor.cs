using JourneyStudio.Journeys.Model;

namespace JourneyStudio.Journeys.Catalog.Nodes;

/// <summary>Get Authenticator App: shows links to the authenticator app in the app stores and a Continue button.</summary>
public sealed class GetAuthenticatorAppDescriptor : NodeDescriptor
{
    /// <summary>Message when <c>message</c> has no entry for the user's locale; the placeholders become store links.</summary>
    public const string DefaultMessage = "Get the app from the {{appleLink}} or on {{googleLink}}";
    public const string DefaultContinueLabel = "Continue";
    public const string DefaultAppleLink = "https://itunes.apple.com/app/forgerock-authenticator/id1038442926";
    public const string DefaultGoogleLink = "https://play.google.com/store/apps/details?id=com.forgerock.authenticator";

    /// <summary>Link texts that replace <c>{{appleLabel}}</c> / <c>{{googleLabel}}</c> (and label the default links).</summary>
    public const string AppleStoreLabel = "Apple App Store";
    public const string GooglePlayLabel = "Google Play Store";

    private static readonly IReadOnlyList<ConfigProperty> PropertyList =
    [
        SharedProperties.LocalizedMessage("message", "Get App Authenticator Message",
            "Message with the store links. {{appleLink}} and {{googleLink}} become links labelled with the store names; in your own "
            + "HTML use {{appleLabel}} and {{googleLabel}} for those names, e.g. <a target='_blank' href='{{appleLink}}'>{{appleLabel}}</a>.",
            DefaultMessage),
        SharedProperties.LocalizedMessage("continueLabel", "Continue Label", "Label of the Continue button.", DefaultContinueLabel),
        new()
        {
            Name = "appleLink", Label = "Apple App Store URL", Kind = ConfigValueKind.Text, Default = Json(DefaultAppleLink),
            Pattern = SharedProperties.HttpUrlPattern, PatternDescription = SharedProperties.HttpUrlDescription,
            Help = "Where iPhone users download the authenticator app. Empty falls back to the ForgeRock Authenticator.",
        },
        new()
        {
            Name = "googleLink", Label = "Google Play URL", Kind = ConfigValueKind.Text, Default = Json(DefaultGoogleLink),
            Pattern = SharedProperties.HttpUrlPattern, PatternDescription = SharedProperties.HttpUrlDescription,
            Help = "Where Android users download the authenticator app. Empty falls back to the ForgeRock Authenticator.",
        },
    ];

    public override string TypeId => NodeTypeIds.GetAuthenticatorApp;
    public override string DisplayName => "Get Authenticator App";
    public override string Category => NodeCategories.Mfa;
    public override string Description => "Shows where to download the authenticator app for iPhone and Android.";
    public override IReadOnlyList<ConfigProperty> Properties => PropertyList;
    public override bool CanBeOnPage => true;

    public override IReadOnlyList<NodeOutcome> GetOutcomes(NodeConfig config) => SingleOutcome;
}
