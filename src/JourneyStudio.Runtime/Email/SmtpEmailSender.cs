using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace JourneyStudio.Runtime.Email;

/// <summary>
/// The SMTP transport (MailKit): one connection per message, secured as <see cref="SmtpSettings.Security"/> says, with the
/// configured timeout for every network operation. Failures are named and logged with the server and the server's reply,
/// never with the password.
/// </summary>
public sealed partial class SmtpEmailSender(EmailSettings settings, ILogger<SmtpEmailSender> logger) : IEmailSender
{
    private readonly SmtpSettings _smtp = settings.Smtp ?? throw new InvalidOperationException("The SMTP transport needs SMTP settings.");

    public async Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        if (!EmailAddresses.IsValid(message.To))
            return new EmailSendResult.Failed(EmailFailure.InvalidRecipient, $"'{message.To}' is not an email address.");

        var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(message.From ?? settings.From));
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Subject = message.Subject;
        mime.Body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody }.ToMessageBody();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_smtp.Timeout);
        using var client = new SmtpClient { Timeout = (int)Math.Min(int.MaxValue, _smtp.Timeout.TotalMilliseconds) };
        var failure = await TrySendAsync(client, mime, timeout.Token, cancellationToken);
        if (failure is null) return new EmailSendResult.Sent();
        LogSendFailed(_smtp.ToString(), failure.Kind, failure.Reason);
        return failure;
    }

    private async Task<EmailSendResult.Failed?> TrySendAsync(SmtpClient client, MimeMessage mime, CancellationToken token, CancellationToken caller)
    {
        try
        {
            var options = _smtp.Security switch
            {
                SmtpSecurity.None => SecureSocketOptions.None,
                SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,
                _ => SecureSocketOptions.StartTls,
            };
            await client.ConnectAsync(_smtp.Host, _smtp.Port, options, token);
            if (_smtp.Username is { } username)
                await client.AuthenticateAsync(username, _smtp.Password ?? "", token);
            await client.SendAsync(mime, token);
            await client.DisconnectAsync(quit: true, token);
            return null;
        }
        catch (OperationCanceledException) when (caller.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            return new(EmailFailure.Unreachable, $"The SMTP server {_smtp.Host}:{_smtp.Port} did not answer within {_smtp.Timeout}.");
        }
        catch (TimeoutException)
        {
            return new(EmailFailure.Unreachable, $"The SMTP server {_smtp.Host}:{_smtp.Port} did not answer within {_smtp.Timeout}.");
        }
        catch (SocketException e)
        {
            return new(EmailFailure.Unreachable, $"The SMTP server {_smtp.Host}:{_smtp.Port} cannot be reached: {e.SocketErrorCode}.");
        }
        catch (AuthenticationException e)
        {
            // MailKit's message is the server's reply; it does not contain what the client sent.
            return new(EmailFailure.Authentication, $"The SMTP server {_smtp.Host}:{_smtp.Port} refused the username '{_smtp.Username}': {e.Message}");
        }
        catch (SslHandshakeException e)
        {
            return new(EmailFailure.Security, $"TLS with {_smtp.Host}:{_smtp.Port} failed: {FirstLine(e.Message)}");
        }
        catch (NotSupportedException e) when (_smtp.Security == SmtpSecurity.StartTls)
        {
            return new(EmailFailure.Security, $"The SMTP server {_smtp.Host}:{_smtp.Port} does not offer STARTTLS ({e.Message}); set {EmailSettings.SmtpSecuritySetting} to match the server.");
        }
        catch (SmtpCommandException e)
        {
            return new(EmailFailure.Refused, $"The SMTP server {_smtp.Host}:{_smtp.Port} refused the message ({(int)e.StatusCode} {e.ErrorCode}): {e.Message}");
        }
        catch (SmtpProtocolException e)
        {
            return new(EmailFailure.Unreachable, $"The SMTP conversation with {_smtp.Host}:{_smtp.Port} broke off: {e.Message}");
        }
        catch (IOException e)
        {
            return new(EmailFailure.Unreachable, $"The connection to the SMTP server {_smtp.Host}:{_smtp.Port} failed: {e.Message}");
        }
        catch (ServiceNotConnectedException e)
        {
            return new(EmailFailure.Unreachable, $"The connection to the SMTP server {_smtp.Host}:{_smtp.Port} was lost: {e.Message}");
        }
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    [LoggerMessage(Level = LogLevel.Error, Message = "Email not sent through SMTP server {Server}: {Failure}: {Reason}")]
    private partial void LogSendFailed(string server, EmailFailure failure, string reason);
}
