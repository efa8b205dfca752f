using System.Text.Json;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Catalog.Nodes;
using JourneyStudio.Runtime.Callbacks;
using JourneyStudio.Runtime.Email;
using JourneyStudio.Runtime.Engine;
using Microsoft.Extensions.Logging;

namespace JourneyStudio.Runtime.Nodes;

/// <summary>AM's SuspendedTextOutputCallback: a TextOutputCallback (message, messageType "0") that tells the client the journey waits.</summary>
public static class SuspendedTextOutput
{
    public const string Type = "SuspendedTextOutputCallback";

    public static Callback Create(string message) => new(Type,
        [new CallbackOutput("message", JsonSerializer.SerializeToElement(message)), new CallbackOutput("messageType", JsonSerializer.SerializeToElement("0"))],
        []);
}

/// <summary>
/// Email Suspend, as AM's EmailSuspendNode: on the first pass it finds the recipient (the identity looked up by the Identity
/// Attribute with Object Lookup, else the objectAttributes in shared state), mails the template with the one-time
/// <c>{{object.resumeURI}}</c> <c>{PublicBaseUrl}/login?suspendedId=ID</c> and suspends the sign-on behind a
/// SuspendedTextOutputCallback; opening the link runs it again, resumed, and it continues by <c>outcome</c>. Without a
/// recipient it suspends all the same and mails nothing (as AM, so the response does not tell whether an account exists).
/// </summary>
public sealed partial class EmailSuspendNodeProcessor(
    EmailRecipients recipients,
    EmailTemplateStore templates,
    IEmailSender sender,
    SuspendedSignOnStore suspensions,
    EmailSettings settings,
    ILogger<EmailSuspendNodeProcessor> logger) : INodeProcessor<EmailSuspendConfig>
{
    public string TypeId => NodeTypeIds.EmailSuspend;

    public async ValueTask<NodeResult> ProcessAsync(NodeContext context, EmailSuspendConfig config)
    {
        if (context.ResumedFromSuspend) return NodeResult.Goto(EmailSuspendDescriptor.Outcome);
        var signOnId = context.Request.SignOnId
            ?? throw new NodeProcessException("Email Suspend needs a stored sign-on to suspend (it cannot run outside a session).");
        var baseUrl = settings.PublicBaseUrl ?? context.Request.BaseUrl?.TrimEnd('/')
            ?? throw new NodeProcessException("Email Suspend cannot build a resume link: set JourneyStudio:PublicBaseUrl.");

        var templateObject = config.ObjectLookup
            ? await recipients.LookUpAsync(config.IdentityAttribute, EmailRecipients.FromState(context, config.IdentityAttribute), context.CancellationToken)
              ?? new Dictionary<string, string>()
            : EmailRecipients.SharedObject(context);
        var recipient = templateObject.TryGetValue(config.EmailAttribute, out var address) && address.Length > 0 ? address : null;

        var lifetime = config.SuspendDuration is { } minutes ? TimeSpan.FromMinutes(minutes) : settings.SuspendedLifetime;
        var (suspendedId, until) = await suspensions.CreateAsync(signOnId, lifetime, context.CancellationToken);
        var resumeUri = $"{baseUrl}/login?suspendedId={Uri.EscapeDataString(suspendedId)}";

        if (templateObject.Count == 0 || recipient is null)
            LogNoRecipient(context.JourneyName, context.Node.Id, config.EmailAttribute);
        else
            await EmailNodeMail.SendAsync(templates, sender, logger, context, config.EmailTemplateName, recipient,
                new EmailTemplateValues(templateObject, resumeUri));
        return NodeResult.Suspend(until, SuspendedTextOutput.Create(context.Localize(config.EmailSuspendMessage)));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Journey {Journey}: Email Suspend node {NodeId} found no recipient (attribute {Attribute}); suspended without sending an email.")]
    private partial void LogNoRecipient(string journey, string nodeId, string attribute);
}

/// <summary>
/// Email Template, as AM's EmailTemplateNode: mails the template to the identity the Identity Attribute's value in shared
/// state names, and goes to <c>EMAIL_SENT</c>; with no such identity, no address, no such template or a transport failure it
/// goes to <c>EMAIL_NOT_SENT</c>.
/// </summary>
public sealed class EmailTemplateNodeProcessor(
    EmailRecipients recipients,
    EmailTemplateStore templates,
    IEmailSender sender,
    ILogger<EmailTemplateNodeProcessor> logger) : INodeProcessor<EmailTemplateConfig>
{
    public string TypeId => NodeTypeIds.EmailTemplate;

    public async ValueTask<NodeResult> ProcessAsync(NodeContext context, EmailTemplateConfig config)
    {
        var identity = await recipients.LookUpAsync(config.IdentityAttribute, EmailRecipients.FromState(context, config.IdentityAttribute), context.CancellationToken);
        if (identity is null || !identity.TryGetValue(config.EmailAttribute, out var recipient) || recipient.Length == 0)
            return NodeResult.Goto(EmailTemplateDescriptor.NotSentOutcome);
        var sent = await EmailNodeMail.SendAsync(templates, sender, logger, context, config.EmailTemplateName, recipient, new EmailTemplateValues(identity));
        return NodeResult.Goto(sent ? EmailTemplateDescriptor.SentOutcome : EmailTemplateDescriptor.NotSentOutcome);
    }
}

internal static partial class EmailNodeMail
{
    /// <summary>Renders and sends; false (logged) when the template does not exist or the transport failed.</summary>
    public static async Task<bool> SendAsync(EmailTemplateStore templates, IEmailSender sender, ILogger logger, NodeContext context,
        string templateName, string recipient, EmailTemplateValues values)
    {
        var template = await templates.GetAsync(templateName, context.CancellationToken);
        if (template is null)
        {
            LogNoTemplate(logger, context.JourneyName, context.Node.Id, templateName);
            return false;
        }
        var message = EmailTemplateRenderer.Render(template, context.Request.PreferredLocales, values, recipient);
        var result = await sender.SendAsync(message, context.CancellationToken);
        if (result is EmailSendResult.Failed failed)
        {
            LogNotSent(logger, context.JourneyName, context.Node.Id, templateName, failed.Kind, failed.Reason);
            return false;
        }
        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Journey {Journey}: node {NodeId} names the email template '{Template}', which does not exist; nothing was sent.")]
    private static partial void LogNoTemplate(ILogger logger, string journey, string nodeId, string template);

    [LoggerMessage(Level = LogLevel.Error, Message = "Journey {Journey}: node {NodeId} could not send the email template '{Template}': {Failure}: {Reason}")]
    private static partial void LogNotSent(ILogger logger, string journey, string nodeId, string template, EmailFailure failure, string reason);
}
