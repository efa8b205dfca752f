namespace JourneyStudio.Runtime.Audit;

/// <summary>
/// One admin action or security event: who did what to which target, from where, with the revisions before and
/// after where a journey changed. Never carries passwords, codes, tokens or secrets: <see cref="Detail"/> is prose
/// for people, written by the caller with that rule in mind.
/// </summary>
public sealed record AuditEvent
{
    /// <summary>One of <see cref="AuditActions"/>, e.g. <c>journey.save</c>.</summary>
    public required string Action { get; init; }

    /// <summary>
    /// Who acted: an admin's username, <c>token:NAME</c> for an API token, <c>os:NAME</c> for the operating-system
    /// account that ran a command line, or <c>system</c>.
    /// </summary>
    public required string Actor { get; init; }

    /// <summary>What was acted on: a journey or identity name, a token name, a realm.</summary>
    public string? Target { get; init; }

    /// <summary>False for a refused attempt (e.g. a failed admin sign-in).</summary>
    public bool Succeeded { get; init; } = true;

    /// <summary>The client address the request came from, when there was a request.</summary>
    public string? RemoteAddress { get; init; }

    /// <summary>Where the action came from: <c>studio</c>, <c>api</c>, <c>cli</c>, <c>runtime</c>.</summary>
    public string? Channel { get; init; }

    public int? RevisionBefore { get; init; }

    public int? RevisionAfter { get; init; }

    /// <summary>A short description for people; never a secret.</summary>
    public string? Detail { get; init; }
}

/// <summary>The action names of <see cref="AuditEvent.Action"/>; scripts filter on them, so they do not change.</summary>
public static class AuditActions
{
    public const string AdminSignIn = "admin.signin";
    public const string AdminSignOut = "admin.signout";
    public const string JourneySave = "journey.save";
    public const string JourneyPublish = "journey.publish";
    public const string JourneyCreate = "journey.create";
    public const string JourneyDelete = "journey.delete";
    public const string JourneyImport = "journey.import";
    public const string JourneyRename = "journey.rename";
    public const string JourneyRestore = "journey.restore";
    public const string JourneySettings = "journey.settings";
    public const string JourneyDuplicate = "journey.duplicate";
    public const string IdentityCreate = "identity.create";
    public const string IdentityUpdate = "identity.update";
    public const string IdentityDelete = "identity.delete";
    public const string IdentityUnlock = "identity.unlock";
    public const string IdentityDeviceReset = "identity.devices.reset";
    public const string IdentityLockout = "identity.lockout";
    public const string ServiceSettings = "services.save";
    public const string ServiceReset = "services.reset";
    public const string TokenCreate = "token.create";
    public const string OAuthClientCreate = "oauth2.client.create";
    public const string OAuthClientUpdate = "oauth2.client.update";
    public const string OAuthClientDelete = "oauth2.client.delete";
    public const string TokenRevoke = "token.revoke";
    /// <summary>A script created or given a new revision (by a journey import or save that carried it).</summary>
    public const string ScriptSave = "script.save";
    /// <summary>An old revision's text saved as a script's new revision.</summary>
    public const string ScriptRestore = "script.restore";
    public const string ScriptDelete = "script.delete";
    public const string EmailTemplateSave = "email.template.save";
    /// <summary>A template's stored version deleted, so the shipped default applies again.</summary>
    public const string EmailTemplateReset = "email.template.reset";
    public const string MailboxDelete = "mailbox.delete";
    public const string MailboxClear = "mailbox.clear";
    public const string TermsPublish = "terms.publish";
    public const string KbaQuestionsSave = "kba.questions.save";

    /// <summary>Every action name above, in declaration order (filters are checked against it).</summary>
    public static IReadOnlyList<string> All { get; } = typeof(AuditActions)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToList();
}

/// <summary>Where audit events go. Recording must not fail the action it records; implementations log their own errors.</summary>
public interface IAuditLog
{
    Task RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default);
}

/// <summary>Records nothing: for code and tests that run without the studio's database (the host registers <see cref="DatabaseAuditLog"/>).</summary>
public sealed class NoAuditLog : IAuditLog
{
    public Task RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
