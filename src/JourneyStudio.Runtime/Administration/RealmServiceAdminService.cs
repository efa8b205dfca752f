using JourneyStudio.Runtime.Audit;
using JourneyStudio.Runtime.Realms;

namespace JourneyStudio.Runtime.Administration;

/// <summary>
/// Saving and resetting a realm's push services (see <see cref="RealmServiceStore"/>), recorded in the audit log
/// with the names of the fields that changed. Values are never recorded: the SNS secret is one of them.
/// </summary>
public sealed class RealmServiceAdminService(RealmServiceStore store, IAuditLog audit)
{
    public async Task<RealmServiceSaveResult> SaveAsync(string realm, RealmServiceChanges changes, AuditActor actor,
        CancellationToken cancellationToken = default)
    {
        var before = await store.GetAsync(realm, cancellationToken);
        var result = await store.SaveAsync(realm, changes, actor.SavedBy, cancellationToken);
        var auditEvent = actor.Event(AuditActions.ServiceSettings, realm);
        await audit.RecordAsync(result switch
        {
            RealmServiceSaveResult.Saved saved => auditEvent with
            {
                Detail = ChangedFields(before, saved.View, saved.DeviceInvalidatingChanges) is { Count: > 0 } changed
                    ? $"changed {string.Join(", ", changed)}"
                    : "no changes",
            },
            RealmServiceSaveResult.Invalid invalid => auditEvent with
            {
                Succeeded = false,
                Detail = $"refused: not valid: {string.Join(", ", invalid.Errors.Keys.Select(RealmServiceFields.Label))}",
            },
            _ => auditEvent with { Succeeded = false, Detail = result.GetType().Name },
        }, cancellationToken);
        return result;
    }

    /// <summary>Removes the realm's saved values (see <see cref="RealmServiceStore.ResetAsync"/>); false when there were none.</summary>
    public async Task<bool> ResetAsync(string realm, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var before = await store.GetAsync(realm, cancellationToken);
        var removed = await store.ResetAsync(realm, cancellationToken);
        var saved = SavedFields(before);
        await audit.RecordAsync(actor.Event(AuditActions.ServiceReset, realm) with
        {
            Detail = !removed ? "nothing was saved for the realm"
                : saved.Count > 0 ? $"removed the saved {string.Join(", ", saved)}" : "removed the saved values",
        }, cancellationToken);
        return removed;
    }

    /// <summary>Labels of the fields whose effective value changed; the secret by its label only.</summary>
    public static IReadOnlyList<string> ChangedFields(RealmServicesView before, RealmServicesView after, IReadOnlyList<string> deviceInvalidatingChanges)
    {
        var changed = new List<string>();
        void Compare<T>(string field, SettingValue<T> old, SettingValue<T> now)
        {
            if (!EqualityComparer<T>.Default.Equals(old.Value, now.Value)) changed.Add(RealmServiceFields.Label(field));
        }

        Compare(RealmServiceFields.Transport, before.Transport, after.Transport);
        Compare(RealmServiceFields.Region, before.Region, after.Region);
        Compare(RealmServiceFields.AccessKeyId, before.AccessKeyId, after.AccessKeyId);
        var secret = RealmServiceFields.Label(RealmServiceFields.SecretAccessKey);
        if (deviceInvalidatingChanges.Contains(secret) || before.SecretSource != after.SecretSource) changed.Add(secret);
        Compare(RealmServiceFields.ApnsEndpoint, before.ApnsEndpoint, after.ApnsEndpoint);
        Compare(RealmServiceFields.GcmEndpoint, before.GcmEndpoint, after.GcmEndpoint);
        Compare(RealmServiceFields.ServiceUrl, before.ServiceUrl, after.ServiceUrl);
        Compare(RealmServiceFields.DeviceProfileEncryption, before.DeviceProfileEncryption, after.DeviceProfileEncryption);
        Compare(RealmServiceFields.SkippableAttributeName, before.SkippableAttributeName, after.SkippableAttributeName);
        return changed;
    }

    private static IReadOnlyList<string> SavedFields(RealmServicesView view)
    {
        var saved = new List<string>();
        void Check(string field, SettingSource source)
        {
            if (source == SettingSource.Saved) saved.Add(RealmServiceFields.Label(field));
        }

        Check(RealmServiceFields.Transport, view.Transport.Source);
        Check(RealmServiceFields.Region, view.Region.Source);
        Check(RealmServiceFields.AccessKeyId, view.AccessKeyId.Source);
        Check(RealmServiceFields.SecretAccessKey, view.SecretSource);
        Check(RealmServiceFields.ApnsEndpoint, view.ApnsEndpoint.Source);
        Check(RealmServiceFields.GcmEndpoint, view.GcmEndpoint.Source);
        Check(RealmServiceFields.ServiceUrl, view.ServiceUrl.Source);
        Check(RealmServiceFields.DeviceProfileEncryption, view.DeviceProfileEncryption.Source);
        Check(RealmServiceFields.SkippableAttributeName, view.SkippableAttributeName.Source);
        return saved;
    }
}
