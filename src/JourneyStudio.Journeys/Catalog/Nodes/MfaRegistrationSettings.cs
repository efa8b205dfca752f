namespace JourneyStudio.Journeys.Catalog.Nodes;

/// <summary>The profile attribute an authenticator app shows as the account name (AM's UserAttributeToAccountNameMapping).</summary>
public enum MfaAccountName
{
    [ChoiceValue("COMMON_NAME", "Common Name")] CommonName,
    [ChoiceValue("EMAIL_ADDRESS", "Email Address")] EmailAddress,
    [ChoiceValue("EMPLOYEE_NUMBER", "Employee Number")] EmployeeNumber,
    [ChoiceValue("GIVEN_NAME", "Given Name")] GivenName,
    [ChoiceValue("LAST_NAME", "Last Name")] LastName,
    [ChoiceValue("USERNAME", "Username")] Username,
}

/// <summary>
/// What Push, OATH and Combined MFA Registration share (AM's MultiFactorCommonConfig): issuer, account name, colour, logo,
/// recovery codes and the QR message, in AM's order.
/// </summary>
public sealed record MfaRegistrationSettings
{
    public const string DefaultIssuer = "ForgeRock";
    public const string DefaultBackgroundColour = "032b75";
    public const string DefaultScanQrCodeMessage =
        "Scan the QR code image below with the ForgeRock Authenticator app to register your device with your login.";

    [NodeProperty("issuer", "Issuer", Required = true,
        Help = "The name the authenticator app shows for this account, such as your company or site name.")]
    public string Issuer { get; init; } = DefaultIssuer;

    [NodeProperty("accountName", "Account Name",
        Help = "The profile attribute the authenticator app shows as the account name: cn, mail, employeeNumber, givenName, sn "
               + "or the username. When that attribute is empty the username is shown.")]
    public MfaAccountName AccountName { get; init; } = MfaAccountName.Username;

    [NodeProperty("bgColor", "Background Color",
        Pattern = SharedProperties.HexColourPattern, PatternDescription = SharedProperties.HexColourDescription,
        Help = "Colour behind the issuer's logo in the authenticator app, as six hex digits (no '#').")]
    public string BackgroundColour { get; init; } = DefaultBackgroundColour;

    [NodeProperty("imgUrl", "Logo Image URL",
        Pattern = SharedProperties.HttpUrlPattern, PatternDescription = SharedProperties.HttpUrlDescription,
        Help = "Address of an image the authenticator app downloads and shows as the issuer's logo. Leave empty for none.")]
    public string ImageUrl { get; init; } = "";

    [NodeProperty("generateRecoveryCodes", "Generate Recovery Codes",
        Help = "On success, create a new set of recovery codes for the registered device (replacing any earlier set) and pass "
               + "them in transient state to a following Recovery Code Display node.")]
    public bool GenerateRecoveryCodes { get; init; } = true;

    [NodeProperty("scanQRCodeMessage", "QR code message", Help = "Instructions shown above the QR code.")]
    public LocalizedText ScanQrCodeMessage { get; init; } = new(DefaultScanQrCodeMessage);
}

/// <summary>TOTP or HOTP (AM's OathAlgorithm).</summary>
public enum OathAlgorithm
{
    [ChoiceValue("TOTP", "TOTP")] Totp,
    [ChoiceValue("HOTP", "HOTP")] Hotp,
}

/// <summary>The HMAC of TOTP codes (AM's HashAlgorithm).</summary>
public enum TotpHashAlgorithm
{
    [ChoiceValue("HMAC_SHA1", "HMAC-SHA1")] HmacSha1,
    [ChoiceValue("HMAC_SHA256", "HMAC-SHA256")] HmacSha256,
    [ChoiceValue("HMAC_SHA512", "HMAC-SHA512")] HmacSha512,
}

/// <summary>Digits of a one-time password (AM's NumberOfDigits).</summary>
public enum OathPasswordLength
{
    [ChoiceValue("SIX_DIGITS", "6")] SixDigits,
    [ChoiceValue("EIGHT_DIGITS", "8")] EightDigits,
}

/// <summary>The OATH registration settings of OATH and Combined MFA Registration (AM's OathRegistrationConfig), in AM's order.</summary>
public sealed record OathRegistrationSettings
{
    [NodeProperty("passwordLength", "One Time Password Length", Help = "Digits per code. Google and ForgeRock authenticators support 6 and 8.")]
    public OathPasswordLength PasswordLength { get; init; } = OathPasswordLength.SixDigits;

    [NodeProperty("minSharedSecretLength", "Minimum Secret Key Length", Minimum = 8, Maximum = 256,
        Help = "Length of the generated secret key in hexadecimal characters (two per byte). At least 8; 32 (128 bits) or more is what RFC 4226 asks for.")]
    public int MinSharedSecretLength { get; init; } = 32;

    [NodeProperty("algorithm", "OATH Algorithm", Help = SharedProperties.OathAlgorithmHelp)]
    public OathAlgorithm Algorithm { get; init; } = OathAlgorithm.Totp;

    [NodeProperty("totpTimeInterval", "TOTP Time Step Interval", Minimum = 1,
        Help = "Seconds one TOTP code stays valid; a new code appears every interval.")]
    public int TotpTimeInterval { get; init; } = 30;

    [NodeProperty("totpHashAlgorithm", "TOTP Hash Algorithm", Help = SharedProperties.TotpHashAlgorithmHelp)]
    public TotpHashAlgorithm TotpHashAlgorithm { get; init; } = TotpHashAlgorithm.HmacSha1;

    [NodeProperty("addChecksum", "HOTP Checksum Digit",
        Help = "Append a checksum digit to each HOTP code (TOTP ignores it). HOTP codes then have 7 or 9 digits, which the "
               + "OATH Token Verifier rejects (it accepts only 6 or 8), so the studio reports HOTP with a checksum as a problem.")]
    public bool AddChecksum { get; init; }

    [NodeProperty("truncationOffset", "HOTP Truncation Offset", Minimum = -1, Maximum = 15,
        Help = "Fixed byte offset HOTP uses to cut the code from the HMAC-SHA1 hash (0 to 15); -1 uses the dynamic offset of RFC 4226. "
               + "Leave at -1 unless your devices need an offset.")]
    public int TruncationOffset { get; init; } = -1;

    /// <summary>Digits of each code: 6 or 8.</summary>
    public int Digits => PasswordLength == OathPasswordLength.EightDigits ? 8 : 6;

    /// <summary>
    /// The codes of an OATH registration must be ones the OATH Token Verifier can accept: it only takes 6 or 8 digits,
    /// so an HOTP checksum digit (7 or 9 digits) would register a device whose codes never verify. TOTP ignores the flag.
    /// </summary>
    public IEnumerable<ConfigProblem> Problems()
    {
        if (AddChecksum && Algorithm == OathAlgorithm.Hotp)
            yield return new ConfigProblem("addChecksum",
                $"HOTP Checksum Digit makes the HOTP codes {Digits + 1} digits long, but the OATH Token Verifier accepts only 6 or 8 digits.");
    }
}
