using System.Text.Json;
using JourneyStudio.Journeys.Model;

namespace JourneyStudio.Journeys.Catalog.Nodes;

/// <summary>
/// Config properties that several node types share with identical names, defaults and meaning
/// (AM declares them once in a common config interface), so each is defined once here.
/// </summary>
internal static class SharedProperties
{
    /// <summary>AM's stored shape of an empty localized message map.</summary>
    public static JsonElement EmptyLocalized => NodeConfig.ToElement(new Dictionary<string, string>());

    public const string HttpUrlPattern = @"^https?://\S+$";
    public const string HttpUrlDescription = "an http:// or https:// URL";

    public const string HexColourPattern = "^[0-9a-fA-F]{6}$";
    public const string HexColourDescription = "a hex colour of six digits without '#', such as 032b75";

    /// <summary>A localized message map whose empty value means "use the built-in text".</summary>
    public static ConfigProperty LocalizedMessage(string name, string label, string help, string? defaultText) => new()
    {
        Name = name,
        Label = label,
        Kind = ConfigValueKind.LocalizedText,
        Default = EmptyLocalized,
        Help = defaultText is null
            ? $"{help} Keys are locales such as en or en-gb."
            : $"{help} Keys are locales such as en or en-gb; leave empty for the default \"{defaultText}\".",
    };

    // --- Polling Wait and Push Wait ---

    public const string DefaultWaitingMessage = "Waiting for response...";
    public const string DefaultExitMessage = "Cancel";

    /// <summary>The text shown while the client waits; both wait nodes replace <c>{{time}}</c> the same way.</summary>
    public static ConfigProperty WaitingMessage => LocalizedMessage("waitingMessage", "Waiting Message",
        "Text shown while waiting; {{time}} is replaced by the seconds to wait.", DefaultWaitingMessage);

    // --- Push, OATH and Combined registration (AM's MultiFactorCommonConfig) ---

    public const string DefaultIssuer = "ForgeRock";
    public const string DefaultBackgroundColour = "032b75";
    public const string DefaultScanQrCodeMessage =
        "Scan the QR code image below with the ForgeRock Authenticator app to register your device with your login.";

    public static readonly IReadOnlyList<ChoiceOption> AccountNameOptions =
    [
        new("COMMON_NAME", "Common Name"),
        new("EMAIL_ADDRESS", "Email Address"),
        new("EMPLOYEE_NUMBER", "Employee Number"),
        new("GIVEN_NAME", "Given Name"),
        new("LAST_NAME", "Last Name"),
        new("USERNAME", "Username"),
    ];

    /// <summary>Issuer, account name, colour, logo, recovery codes and QR message, in AM's order.</summary>
    public static IReadOnlyList<ConfigProperty> RegistrationCommon(string recoveryCodeKind) =>
    [
        new()
        {
            Name = "issuer", Label = "Issuer", Kind = ConfigValueKind.Text, Default = NodeConfig.ToElement(DefaultIssuer), Required = true,
            Help = "The name the authenticator app shows for this account, such as your company or site name.",
        },
        new()
        {
            Name = "accountName", Label = "Account Name", Kind = ConfigValueKind.Choice, Default = NodeConfig.ToElement("USERNAME"),
            Options = AccountNameOptions,
            Help = "The profile attribute the authenticator app shows as the account name: cn, mail, employeeNumber, givenName, sn "
                   + "or the username. When that attribute is empty the username is shown.",
        },
        new()
        {
            Name = "bgColor", Label = "Background Color", Kind = ConfigValueKind.Text, Default = NodeConfig.ToElement(DefaultBackgroundColour),
            Pattern = HexColourPattern, PatternDescription = HexColourDescription,
            Help = "Colour behind the issuer's logo in the authenticator app, as six hex digits (no '#').",
        },
        new()
        {
            Name = "imgUrl", Label = "Logo Image URL", Kind = ConfigValueKind.Text, Default = NodeConfig.ToElement(""),
            Pattern = HttpUrlPattern, PatternDescription = HttpUrlDescription,
            Help = "Address of an image the authenticator app downloads and shows as the issuer's logo. Leave empty for none.",
        },
        new()
        {
            Name = "generateRecoveryCodes", Label = "Generate Recovery Codes", Kind = ConfigValueKind.Boolean, Default = NodeConfig.ToElement(true),
            Help = $"On success, create a new set of {recoveryCodeKind} recovery codes (replacing any earlier set) and pass them "
                   + "in transient state to a following Recovery Code Display node.",
        },
        LocalizedMessage("scanQRCodeMessage", "QR code message",
            "Instructions shown above the QR code.", DefaultScanQrCodeMessage),
    ];

    /// <summary>How long a registration QR code waits for the app (Push and Combined only).</summary>
    public static ConfigProperty RegistrationTimeout => new()
    {
        Name = "timeout", Label = "Registration Response Timeout", Kind = ConfigValueKind.Integer, Default = NodeConfig.ToElement(60),
        Minimum = 1,
        Help = "Seconds to wait for the authenticator app to answer the QR code before leaving by the Time Out outcome.",
    };

    // --- OATH (AM's OathRegistrationConfig and OATH Token Verifier) ---

    public static readonly IReadOnlyList<ChoiceOption> OathAlgorithmOptions = [new("TOTP", "TOTP"), new("HOTP", "HOTP")];

    public static readonly IReadOnlyList<ChoiceOption> HashAlgorithmOptions =
        [new("HMAC_SHA1", "HMAC-SHA1"), new("HMAC_SHA256", "HMAC-SHA256"), new("HMAC_SHA512", "HMAC-SHA512")];

    public static readonly IReadOnlyList<ChoiceOption> PasswordLengthOptions = [new("SIX_DIGITS", "6"), new("EIGHT_DIGITS", "8")];

    public static ConfigProperty OathAlgorithm => new()
    {
        Name = "algorithm", Label = "OATH Algorithm", Kind = ConfigValueKind.Choice, Default = NodeConfig.ToElement("TOTP"),
        Options = OathAlgorithmOptions,
        Help = "TOTP derives a new code from the clock every time step; HOTP derives one from a counter that advances with each code. "
               + "Registration and verification must use the same algorithm.",
    };

    public static ConfigProperty TotpTimeInterval => new()
    {
        Name = "totpTimeInterval", Label = "TOTP Time Step Interval", Kind = ConfigValueKind.Integer, Default = NodeConfig.ToElement(30),
        Minimum = 1,
        Help = "Seconds one TOTP code stays valid; a new code appears every interval.",
    };

    public static ConfigProperty TotpHashAlgorithm => new()
    {
        Name = "totpHashAlgorithm", Label = "TOTP Hash Algorithm", Kind = ConfigValueKind.Choice, Default = NodeConfig.ToElement("HMAC_SHA1"),
        Options = HashAlgorithmOptions,
        Help = "The HMAC used to compute TOTP codes. Most authenticator apps support HMAC-SHA1; check before choosing another.",
    };

    /// <summary>The OATH registration settings, in AM's order (after the common and, for Combined, the timeout property).</summary>
    public static IReadOnlyList<ConfigProperty> OathRegistration =>
    [
        new()
        {
            Name = "passwordLength", Label = "One Time Password Length", Kind = ConfigValueKind.Choice, Default = NodeConfig.ToElement("SIX_DIGITS"),
            Options = PasswordLengthOptions,
            Help = "Digits per code. Google and ForgeRock authenticators support 6 and 8.",
        },
        new()
        {
            Name = "minSharedSecretLength", Label = "Minimum Secret Key Length", Kind = ConfigValueKind.Integer, Default = NodeConfig.ToElement(32),
            Minimum = 8, Maximum = 256,
            Help = "Length of the generated secret key in hexadecimal characters (two per byte). At least 8; 32 (128 bits) or more is what RFC 4226 asks for.",
        },
        OathAlgorithm,
        TotpTimeInterval,
        TotpHashAlgorithm,
        new()
        {
            Name = "addChecksum", Label = "HOTP Checksum Digit", Kind = ConfigValueKind.Boolean, Default = NodeConfig.ToElement(false),
            Help = "Append a checksum digit to each HOTP code (TOTP ignores it). HOTP codes then have 7 or 9 digits, which the "
                   + "OATH Token Verifier rejects (it accepts only 6 or 8), so the studio reports HOTP with a checksum as a problem.",
        },
        new()
        {
            Name = "truncationOffset", Label = "HOTP Truncation Offset", Kind = ConfigValueKind.Integer, Default = NodeConfig.ToElement(-1),
            Minimum = -1, Maximum = 15,
            Help = "Fixed byte offset HOTP uses to cut the code from the HMAC-SHA1 hash (0 to 15); -1 uses the dynamic offset of RFC 4226. "
                   + "Leave at -1 unless your devices need an offset.",
        },
    ];

    /// <summary>
    /// The codes of an OATH registration must be ones the OATH Token Verifier can accept: it only takes 6 or 8 digits,
    /// so an HOTP checksum digit (7 or 9 digits) would register a device whose codes never verify. TOTP ignores the flag.
    /// </summary>
    public static IEnumerable<ConfigProblem> OathRegistrationRules(NodeConfig config)
    {
        if (config.GetBoolean("addChecksum") == true && config.GetString("algorithm") == "HOTP")
        {
            var digits = config.GetString("passwordLength") == "EIGHT_DIGITS" ? 9 : 7;
            yield return new ConfigProblem("addChecksum",
                $"HOTP Checksum Digit makes the HOTP codes {digits} digits long, but the OATH Token Verifier accepts only 6 or 8 digits.");
        }
    }
}
