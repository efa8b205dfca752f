namespace JourneyStudio.Runtime.Email;

/// <summary>One email as a node asks for it; <see cref="From"/> null means the setting <c>JourneyStudio:Email:From</c>.</summary>
public sealed record EmailMessage(string To, string Subject, string TextBody, string HtmlBody, string? From = null);

/// <summary>What became of one message.</summary>
public abstract record EmailSendResult
{
    private EmailSendResult() { }

    public sealed record Sent : EmailSendResult;

    /// <summary>The transport could not send it; <paramref name="Reason"/> is safe to log (no secrets).</summary>
    public sealed record Failed(EmailFailure Kind, string Reason) : EmailSendResult;
}

/// <summary>Why a message was not sent.</summary>
public enum EmailFailure
{
    /// <summary>The address is not a valid email address.</summary>
    InvalidRecipient,
    /// <summary>The server could not be reached, or did not answer in time.</summary>
    Unreachable,
    /// <summary>TLS could not be set up (no STARTTLS offered, certificate refused).</summary>
    Security,
    /// <summary>The server refused the username and password.</summary>
    Authentication,
    /// <summary>The server refused the sender, a recipient or the message.</summary>
    Refused,
}

/// <summary>Sends email through the configured transport (embedded mailbox or SMTP).</summary>
public interface IEmailSender
{
    Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken = default);
}
