namespace JourneyStudio.Journeys.Catalog.Nodes;

/// <summary>The settings of Email Template, with AM's property names (EmailTemplateNode.Config).</summary>
public sealed record EmailTemplateConfig
{
    [NodeProperty("emailTemplateName", "Email Template Name", Required = true,
        Help = "The email template to send (see the studio's Email templates page).")]
    public string EmailTemplateName { get; init; } = EmailSuspendDescriptor.DefaultTemplate;

    [NodeProperty("emailAttribute", "Email Attribute", Required = true,
        Help = "The identity attribute that holds the recipient's address.")]
    public string EmailAttribute { get; init; } = EmailSuspendDescriptor.DefaultEmailAttribute;

    [NodeProperty("identityAttribute", "Identity Attribute", Required = true,
        Help = "The attribute that identifies the identity (its value is in shared state, or is the username): userName, mail or _id.")]
    public string IdentityAttribute { get; init; } = EmailSuspendDescriptor.DefaultIdentityAttribute;
}

/// <summary>Email Template: mails a template to the identity the journey identified, without waiting; Email Sent or Email Not Sent.</summary>
public sealed class EmailTemplateDescriptor : NodeDescriptor<EmailTemplateConfig>
{
    public const string SentOutcome = "EMAIL_SENT";
    public const string NotSentOutcome = "EMAIL_NOT_SENT";

    private static readonly IReadOnlyList<NodeOutcome> OutcomeList = [new(SentOutcome, "Email Sent"), new(NotSentOutcome, "Email Not Sent")];

    public override string TypeId => NodeTypeIds.EmailTemplate;
    public override string DisplayName => "Email Template Node";
    public override string Category => NodeCategories.Utilities;
    public override string Description => "Emails a template to the identified user and continues at once.";

    public override IReadOnlyList<NodeOutcome> GetOutcomes(EmailTemplateConfig config) => OutcomeList;
}
