namespace JourneyStudio.Journeys.Catalog.Nodes;

/// <summary>The settings of Email Suspend, with AM's property names (EmailSuspendNode.Config).</summary>
public sealed record EmailSuspendConfig
{
    [NodeProperty("emailTemplateName", "Email Template Name", Required = true,
        Help = "The email template to send (see the studio's Email templates page): registration, resetPassword, forgottenUsername, updatePassword.")]
    public string EmailTemplateName { get; init; } = EmailSuspendDescriptor.DefaultTemplate;

    [NodeProperty("emailAttribute", "Email Attribute", Required = true,
        Help = "The attribute that holds the recipient's address: in objectAttributes in shared state, or on the identity looked up.")]
    public string EmailAttribute { get; init; } = EmailSuspendDescriptor.DefaultEmailAttribute;

    [NodeProperty("emailSuspendMessage", "Email Suspend Message",
        Help = "The message shown while the journey waits for the user to open the link in the email.")]
    public LocalizedText EmailSuspendMessage { get; init; } = new(EmailSuspendDescriptor.DefaultMessage);

    [NodeProperty("objectLookup", "Object Lookup",
        Help = "Look the identity up (by the Identity Attribute's value in shared state) and mail the address on its profile, "
               + "instead of the address in shared state.")]
    public bool ObjectLookup { get; init; }

    [NodeProperty("identityAttribute", "Identity Attribute", Required = true,
        Help = "The attribute that identifies the identity for Object Lookup: userName, mail or _id.")]
    public string IdentityAttribute { get; init; } = EmailSuspendDescriptor.DefaultIdentityAttribute;

    [NodeProperty("suspendDuration", "Suspend Duration (optional)", Minimum = 1,
        Help = "How many minutes the link in the email stays valid; empty for the setting JourneyStudio:Email:SuspendedLifetime.")]
    public int? SuspendDuration { get; init; }
}

/// <summary>
/// Email Suspend: mails a template with a one-time link (<c>resumeURI</c>) and suspends the sign-on until the link is opened;
/// then the journey continues by its one outcome.
/// </summary>
public sealed class EmailSuspendDescriptor : SingleOutcomeNodeDescriptor<EmailSuspendConfig>
{
    public const string DefaultTemplate = "registration";
    public const string DefaultEmailAttribute = "mail";
    public const string DefaultIdentityAttribute = "userName";
    public const string DefaultMessage = "An email has been sent to the address you entered. Click the link in that email to proceed.";

    public override string TypeId => NodeTypeIds.EmailSuspend;
    public override string DisplayName => "Email Suspend Node";
    public override string Category => NodeCategories.Utilities;
    public override string Description => "Emails a link and waits until the user opens it, then continues the journey.";
}
