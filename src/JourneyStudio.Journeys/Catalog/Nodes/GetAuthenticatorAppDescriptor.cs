namespace JourneyStudio.Journeys.Catalog.Nodes;

/// <summary>The settings of Get Authenticator App.</summary>
public sealed record GetAuthenticatorAppConfig
{
    [NodeProperty("message", "Get App Authenticator Message",
        Help = "Message with the store links. {{appleLink}} and {{googleLink}} become links labelled with the store names; in your own "
               + "HTML use {{appleLabel}} and {{googleLabel}} for those names, e.g. <a target='_blank' href='{{appleLink}}'>{{appleLabel}}</a>.")]
    public LocalizedText Message { get; init; } = new(GetAuthenticatorAppDescriptor.DefaultMessage);

    [NodeProperty("continueLabel", "Continue Label", Help = "Label of the Continue button.")]
    public LocalizedText ContinueLabel { get; init; } = new(GetAuthenticatorAppDescriptor.DefaultContinueLabel);

    [NodeProperty("appleLink", "Apple App Store URL",
        Pattern = SharedProperties.HttpUrlPattern, PatternDescription = SharedProperties.HttpUrlDescription,
        Help = "Where iPhone users download the authenticator app. Empty falls back to the ForgeRock Authenticator.")]
    public string AppleLink { get; init; } = GetAuthenticatorAppDescriptor.DefaultAppleLink;

    [NodeProperty("googleLink", "Google Play URL",
        Pattern = SharedProperties.HttpUrlPattern, PatternDescription = SharedProperties.HttpUrlDescription,
        Help = "Where Android users download the authenticator app. Empty falls back to the ForgeRock Authenticator.")]
    public string GoogleLink { get; init; } = GetAuthenticatorAppDescriptor.DefaultGoogleLink;

    /// <summary>The Apple link to show: the configured one, or the ForgeRock Authenticator's when it is left empty.</summary>
    public string AppleLinkOrDefault => AppleLink.Length > 0 ? AppleLink : GetAuthenticatorAppDescriptor.DefaultAppleLink;

    /// <summary>The Google link to show: the configured one, or the ForgeRock Authenticator's when it is left empty.</summary>
    public string GoogleLinkOrDefault => GoogleLink.Length > 0 ? GoogleLink : GetAuthenticatorAppDescriptor.DefaultGoogleLink;
}

/// <summary>Get Authenticator App: shows links to the authenticator app in the app stores and a Continue button.</summary>
public sealed class GetAuthenticatorAppDescriptor : SingleOutcomeNodeDescriptor<GetAuthenticatorAppConfig>
{
    /// <summary>Message when <c>message</c> has no entry for the user's locale; the placeholders become store links.</summary>
    public const string DefaultMessage = "Get the app from the {{appleLink}} or on {{googleLink}}";
    public const string DefaultContinueLabel = "Continue";
    public const string DefaultAppleLink = "https://itunes.apple.com/app/forgerock-authenticator/id1038442926";
    public const string DefaultGoogleLink = "https://play.google.com/store/apps/details?id=com.forgerock.authenticator";

    /// <summary>Link texts that replace <c>{{appleLabel}}</c> / <c>{{googleLabel}}</c> (and label the default links).</summary>
    public const string AppleStoreLabel = "Apple App Store";
    public const string GooglePlayLabel = "Google Play Store";

    public override string TypeId => NodeTypeIds.GetAuthenticatorApp;
    public override string DisplayName => "Get Authenticator App";
    public override string Category => NodeCategories.Mfa;
    public override string Description => "Shows where to download the authenticator app for iPhone and Android.";
    public override bool CanBeOnPage => true;
}
