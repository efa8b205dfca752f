using System.Globalization;
using MimeKit;
using Microsoft.Extensions.Configuration;

namespace JourneyStudio.Runtime.Email;

/// <summary>How the studio sends email.</summary>
public enum EmailTransportKind
{
    /// <summary>Every message is kept in the database and shown on the studio's Mailbox page.</summary>
    Embedded,
    /// <summary>Messages go to an SMTP server (MailKit).</summary>
    Smtp,
}

/// <summary>How the SMTP connection is secured (<c>JourneyStudio:Email:Smtp:Security</c>).</summary>
public enum SmtpSecurity
{
    /// <summary>Plain text; for a relay on the same host or a test server only.</summary>
    None,
    /// <summary>Plain connection upgraded with STARTTLS, which must be offered (usually port 587).</summary>
    StartTls,
    /// <summary>TLS from the first byte (implicit TLS, usually port 465).</summary>
    Tls,
}

public sealed record SmtpSettings(string Host, int Port, string? Username, string? Password, SmtpSecurity Security, TimeSpan Timeout)
{
    /// <summary>For logs: never the password.</summary>
    public override string ToString() => $"{Host}:{Port} ({Security}{(Username is null ? "" : ", user " + Username)})";
}

/// <summary>
/// The operator's email settings, read once at start. Anything that cannot work (an unknown transport, SMTP without a host,
/// a port out of range, a malformed From address) throws <see cref="InvalidOperationException"/> naming the setting, so the
/// studio does not start and then fail every Email Suspend node later.
/// </summary>
public sealed record EmailSettings
{
    public const string Section = "JourneyStudio:Email";
    public const string TransportSetting = Section + ":Transport";
    public const string FromSetting = Section + ":From";
    public const string SuspendedLifetimeSetting = Section + ":SuspendedLifetime";
    public const string SmtpHostSetting = Section + ":Smtp:Host";
    public const string SmtpPortSetting = Section + ":Smtp:Port";
    public const string SmtpUsernameSetting = Section + ":Smtp:Username";
    public const string SmtpPasswordSetting = Section + ":Smtp:Password";
    public const string SmtpSecuritySetting = Section + ":Smtp:Security";
    public const string SmtpTimeoutSetting = Section + ":Smtp:Timeout";

    public const string DefaultFrom = "JourneyStudio <no-reply@journeystudio.local>";

    /// <summary>AM's default suspended authentication duration (5 minutes).</summary>
    public static readonly TimeSpan DefaultSuspendedLifetime = TimeSpan.FromMinutes(5);

    public static readonly TimeSpan DefaultSmtpTimeout = TimeSpan.FromSeconds(30);

    public EmailTransportKind Transport { get; init; } = EmailTransportKind.Embedded;

    public string From { get; init; } = DefaultFrom;

    /// <summary>How long a resume link works (unless the node sets its own Suspend Duration).</summary>
    public TimeSpan SuspendedLifetime { get; init; } = DefaultSuspendedLifetime;

    /// <summary>The setting <c>JourneyStudio:PublicBaseUrl</c>: the base of resume links; null for the request's own address.</summary>
    public string? PublicBaseUrl { get; init; }

    /// <summary>Set when <see cref="Transport"/> is SMTP.</summary>
    public SmtpSettings? Smtp { get; init; }

    public static EmailSettings Read(IConfiguration configuration)
    {
        var transport = configuration[TransportSetting]?.Trim().ToLowerInvariant() switch
        {
            null or "" or "embedded" => EmailTransportKind.Embedded,
            "smtp" => EmailTransportKind.Smtp,
            _ => throw new InvalidOperationException($"{TransportSetting} must be 'embedded' or 'smtp', not '{configuration[TransportSetting]}'."),
        };
        var from = configuration[FromSetting] is { Length: > 0 } configuredFrom ? configuredFrom.Trim() : DefaultFrom;
        if (!MailboxAddress.TryParse(from, out var parsedFrom) || parsedFrom.Address.IndexOf('@') <= 0)
            throw new InvalidOperationException($"{FromSetting} must be an email address such as 'Studio <no-reply@example.com>', not '{from}'.");
        var lifetime = ReadDuration(configuration, SuspendedLifetimeSetting, DefaultSuspendedLifetime);

        SmtpSettings? smtp = null;
        if (transport == EmailTransportKind.Smtp)
        {
            var host = configuration[SmtpHostSetting]?.Trim();
            if (string.IsNullOrEmpty(host))
                throw new InvalidOperationException($"{TransportSetting} is 'smtp', so {SmtpHostSetting} must name the SMTP server.");
            var security = configuration[SmtpSecuritySetting]?.Trim().ToLowerInvariant() switch
            {
                null or "" or "starttls" => SmtpSecurity.StartTls,
                "none" => SmtpSecurity.None,
                "tls" => SmtpSecurity.Tls,
                _ => throw new InvalidOperationException($"{SmtpSecuritySetting} must be 'none', 'starttls' or 'tls', not '{configuration[SmtpSecuritySetting]}'."),
            };
            var port = security == SmtpSecurity.Tls ? 465 : 587;
            if (configuration[SmtpPortSetting] is { Length: > 0 } portText
                && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
                throw new InvalidOperationException($"{SmtpPortSetting} must be a port number from 1 to 65535, not '{portText}'.");
            var username = configuration[SmtpUsernameSetting] is { Length: > 0 } user ? user : null;
            var password = configuration[SmtpPasswordSetting] is { Length: > 0 } secret ? secret : null;
            if (password is not null && username is null)
                throw new InvalidOperationException($"{SmtpPasswordSetting} is set but {SmtpUsernameSetting} is not; set both to authenticate, or neither.");
            if (username is not null && password is null)
                throw new InvalidOperationException($"{SmtpUsernameSetting} is set but {SmtpPasswordSetting} is not; set both to authenticate, or neither.");
            smtp = new SmtpSettings(host, port, username, password, security, ReadDuration(configuration, SmtpTimeoutSetting, DefaultSmtpTimeout));
        }
        var publicBaseUrl = configuration["JourneyStudio:PublicBaseUrl"] is { Length: > 0 } url ? url.Trim().TrimEnd('/') : null;
        return new EmailSettings { Transport = transport, From = from, SuspendedLifetime = lifetime, Smtp = smtp, PublicBaseUrl = publicBaseUrl };
    }

    private static TimeSpan ReadDuration(IConfiguration configuration, string key, TimeSpan fallback)
    {
        if (configuration[key] is not { Length: > 0 } text) return fallback;
        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) && value > TimeSpan.Zero
            ? value
            : throw new InvalidOperationException($"{key} must be a positive duration such as 00:05:00, not '{text}'.");
    }
}
