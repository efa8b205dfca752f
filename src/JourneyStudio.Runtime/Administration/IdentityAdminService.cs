using JourneyStudio.Runtime.Audit;
using JourneyStudio.Runtime.Identities;

namespace JourneyStudio.Runtime.Administration;

/// <summary>
/// What an admin does to end users, from the admin API or the studio: create, update, delete, reset MFA devices.
/// Each is recorded in the audit log with the names of the fields it changed, never their values (a password
/// is only ever "password").
/// </summary>
public sealed class IdentityAdminService(IdentityStore identities, MfaDeviceResetService mfaReset, IAuditLog audit)
{
    public async Task<IdentityResult> CreateAsync(NewIdentity request, AuditActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await identities.CreateAsync(request, cancellationToken);
        var created = result is IdentityResult.Done done ? done.Identity : null;
        await audit.RecordAsync(actor.Event(AuditActions.IdentityCreate, created?.Username ?? request.Username) with
        {
            Succeeded = created is not null,
            Detail = created is not null ? FieldsDetail("set", SetFields(created)) : Refusal(result),
        }, cancellationToken);
        return result;
    }

    /// <summary>A partial update (see <see cref="IdentityStore.UpdateAsync"/>); the entry lists the fields whose values changed.</summary>
    public async Task<IdentityResult> UpdateAsync(string username, IdentityUpdate update, AuditActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        var before = await identities.GetAsync(username, cancellationToken);
        var result = await identities.UpdateAsync(username, update, cancellationToken);
        var detail = result switch
        {
            IdentityResult.Done done when before is not null =>
                FieldsDetail("changed", ChangedFields(before, done.Identity, passwordSet: update.Password is not null,
                    kbaSet: update.Profile.KbaInfo is not null)),
            IdentityResult.Done => "updated",
            _ => Refusal(result),
        };
        await audit.RecordAsync(actor.Event(AuditActions.IdentityUpdate, before?.Username ?? username) with
        {
            Succeeded = result is IdentityResult.Done,
            Detail = detail,
        }, cancellationToken);
        return result;
    }

    /// <summary>False when there was no such user.</summary>
    public async Task<bool> DeleteAsync(string username, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var existing = await identities.GetAsync(username, cancellationToken);
        var deleted = await identities.DeleteAsync(username, cancellationToken);
        await audit.RecordAsync(actor.Event(AuditActions.IdentityDelete, existing?.Username ?? username) with
        {
            Succeeded = deleted,
            Detail = deleted ? "deleted" : "refused: there is no such user",
        }, cancellationToken);
        return deleted;
    }

    /// <summary>Removes every MFA device and recovery code of the user (see <see cref="MfaDeviceResetService"/>); false when there is no such user.</summary>
    public async Task<bool> ResetDevicesAsync(string username, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var existing = await identities.GetAsync(username, cancellationToken);
        var reset = await mfaReset.ResetAsync(username, cancellationToken);
        await audit.RecordAsync(actor.Event(AuditActions.IdentityDeviceReset, existing?.Username ?? username) with
        {
            Succeeded = reset,
            Detail = reset ? "MFA devices, recovery codes and skip choices removed" : "refused: there is no such user",
        }, cancellationToken);
        return reset;
    }

    /// <summary>The fields of a new user that have a value; the password always has one.</summary>
    private static IReadOnlyList<string> SetFields(IdentitySummary created)
    {
        var fields = new List<string> { "password" };
        if (created.GivenName.Length > 0) fields.Add("givenName");
        if (created.Sn.Length > 0) fields.Add("sn");
        if (created.Mail.Length > 0) fields.Add("mail");
        var profile = created.Profile;
        if (profile.TelephoneNumber.Length > 0) fields.Add("telephoneNumber");
        if (profile.Marketing is not null) fields.Add("preferences/marketing");
        if (profile.Updates is not null) fields.Add("preferences/updates");
        fields.AddRange(profile.CustomAttributes.Keys.Order(StringComparer.Ordinal));
        if (profile.KbaQuestions.Count > 0) fields.Add("kbaInfo");
        if (profile.TermsAccepted is not null) fields.Add("termsAccepted");
        if (!created.Active) fields.Add("active (disabled)");
        return fields;
    }

    /// <summary>The API's field names of what differs; "password" when one was set (its value is never compared or shown).</summary>
    public static IReadOnlyList<string> ChangedFields(IdentitySummary before, IdentitySummary after, bool passwordSet, bool kbaSet = false)
    {
        var fields = new List<string>();
        if (before.GivenName != after.GivenName) fields.Add("givenName");
        if (before.Sn != after.Sn) fields.Add("sn");
        if (before.Mail != after.Mail) fields.Add("mail");
        if (before.Active != after.Active) fields.Add(after.Active ? "active (enabled)" : "active (disabled)");
        if (passwordSet) fields.Add("password");
        var (was, now) = (before.Profile, after.Profile);
        if (was.TelephoneNumber != now.TelephoneNumber) fields.Add("telephoneNumber");
        if (was.Marketing != now.Marketing) fields.Add("preferences/marketing");
        if (was.Updates != now.Updates) fields.Add("preferences/updates");
        foreach (var name in was.CustomAttributes.Keys.Union(now.CustomAttributes.Keys).Order(StringComparer.Ordinal))
            if (was.CustomAttributes.GetValueOrDefault(name) != now.CustomAttributes.GetValueOrDefault(name)) fields.Add(name);
        // Answers are hashed afresh on every write, so a new set is recorded whenever one was given.
        if (kbaSet) fields.Add("kbaInfo");
        if (was.TermsAccepted != now.TermsAccepted) fields.Add("termsAccepted");
        return fields;
    }

    private static string FieldsDetail(string verb, IReadOnlyList<string> fields) =>
        fields.Count == 0 ? "no changes" : $"{verb} {string.Join(", ", fields)}";

    // The store's rule messages may quote what was entered, so only the kind of refusal is kept.
    private static string Refusal(IdentityResult result) => result switch
    {
        IdentityResult.NotFound => "refused: there is no such user",
        IdentityResult.UsernameTaken taken => $"refused: the username is taken by '{taken.ExistingUsername}'",
        IdentityResult.Invalid => "refused: a field is not valid",
        _ => $"refused: {result.GetType().Name}",
    };
}
