using System.Security.Cryptography;
using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Runtime.Push.Sns;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace JourneyStudio.Runtime.Realms;

/// <summary>
/// The realms' Push Notification and ForgeRock Authenticator (Push) services: saved overrides over the
/// configuration defaults (<see cref="RealmServiceDefaults"/>), with the SNS secret protected at rest.
/// </summary>
public sealed class RealmServiceStore(
    IDbContextFactory<JourneyStudioDbContext> contextFactory,
    IDataProtectionProvider dataProtection,
    RealmServiceDefaults defaults,
    TimeProvider time) : IRealmPushSettings
{
    private readonly IDataProtector _secretProtector = dataProtection.CreateProtector("JourneyStudio.Realms.SnsSecret.v1");

    /// <summary>The realm's effective settings for display (the secret only as "stored or not").</summary>
    public async Task<RealmServicesView> GetAsync(string realm, CancellationToken cancellationToken = default)
    {
        CheckRealm(realm);
        return BuildView(realm, await FindAsync(realm, cancellationToken));
    }

    /// <summary>Every realm's effective settings for display, in <see cref="RealmNames.All"/> order.</summary>
    public async Task<IReadOnlyList<RealmServicesView>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.RealmServiceSettings.AsNoTracking().ToListAsync(cancellationToken);
        return RealmNames.All.Select(realm => BuildView(realm, rows.SingleOrDefault(r => r.Realm == realm))).ToList();
    }

    public async Task<RealmPushRoute> GetPushRouteAsync(string realm, CancellationToken cancellationToken = default)
    {
        CheckRealm(realm);
        var row = await FindAsync(realm, cancellationToken);
        var transport = row?.Transport ?? defaults.Transport.Value;
        return new RealmPushRoute(transport, transport == PushTransportNames.Sns ? SnsOptionsOf(realm, row) : null);
    }

    /// <summary>The realm's effective transport.</summary>
    public async Task<string> GetTransportAsync(string realm, CancellationToken cancellationToken = default) =>
        (await GetPushRouteAsync(realm, cancellationToken)).Transport;

    /// <summary>The realm's effective SNS settings with the secret in clear (for the transport only; never shown).</summary>
    /// <exception cref="InvalidOperationException">The saved secret can no longer be decrypted (the key ring was lost).</exception>
    public async Task<SnsOptions> GetSnsOptionsAsync(string realm, CancellationToken cancellationToken = default)
    {
        CheckRealm(realm);
        return SnsOptionsOf(realm, await FindAsync(realm, cancellationToken));
    }

    private SnsOptions SnsOptionsOf(string realm, RealmServiceSettings? row)
    {
        var sns = defaults.Sns;
        var savedCredentials = row?.AccessKeyId is not null && row.ProtectedSecretAccessKey is not null;
        return new SnsOptions
        {
            Region = row?.Region ?? sns.Region,
            AccessKeyId = savedCredentials ? row!.AccessKeyId : sns.AccessKeyId,
            SecretAccessKey = savedCredentials ? UnprotectSecret(realm, row!.ProtectedSecretAccessKey!) : sns.SecretAccessKey,
            // A configured session token belongs to the configured keys, never to keys saved for the realm.
            SessionToken = savedCredentials ? null : sns.SessionToken,
            ServiceUrl = row?.ServiceUrl ?? sns.ServiceUrl,
            ApnsPlatformApplicationArn = row?.ApnsEndpoint ?? sns.ApnsPlatformApplicationArn,
            GcmPlatformApplicationArn = row?.GcmEndpoint ?? sns.GcmPlatformApplicationArn,
            RequestTimeout = sns.RequestTimeout,
        };
    }

    /// <summary>
    /// Labels of the delivery settings <paramref name="changes"/> would change (transport, SNS credentials, region,
    /// service URL, endpoints). Devices registered under the old settings must register again after such a save.
    /// </summary>
    public async Task<IReadOnlyList<string>> FindDeviceInvalidatingChangesAsync(string realm, RealmServiceChanges changes,
        CancellationToken cancellationToken = default) =>
        (await PreviewAsync(realm, changes, cancellationToken)).DeviceInvalidatingChanges;

    /// <summary>What <see cref="SaveAsync"/> would answer, without saving: the validation errors and the device-invalidating changes.</summary>
    public async Task<RealmServiceSavePreview> PreviewAsync(string realm, RealmServiceChanges changes, CancellationToken cancellationToken = default)
    {
        CheckRealm(realm);
        ArgumentNullException.ThrowIfNull(changes);
        var row = await FindAsync(realm, cancellationToken);
        var plan = Plan(row, changes);
        return new RealmServiceSavePreview(plan.Errors, DeviceInvalidatingChanges(realm, row, plan));
    }

    /// <summary>
    /// Validates and saves the realm's settings. Values equal to the configuration default are not stored (the
    /// realm keeps following the configuration); a blank secret keeps the stored one.
    /// </summary>
    public async Task<RealmServiceSaveResult> SaveAsync(string realm, RealmServiceChanges changes, string savedBy,
        CancellationToken cancellationToken = default)
    {
        CheckRealm(realm);
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentException.ThrowIfNullOrWhiteSpace(savedBy);

        // Protected before the transaction: the key ring may have to store a new key in the database (first use,
        // rotation), and on SQLite that write would wait behind this transaction's own write lock until it times out.
        var newSecret = RealmServiceDefaults.Clean(changes.SecretAccessKey);
        var protectedNewSecret = newSecret is null ? null : _secretProtector.Protect(newSecret);

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        // Serialised: of two saves that both find no row, the second must see the first's.
        await using var transaction = await db.BeginSerializedTransactionAsync("realm-services", cancellationToken);
        var row = await db.RealmServiceSettings.SingleOrDefaultAsync(r => r.Realm == realm, cancellationToken);
        var plan = Plan(row, changes);
        if (plan.Errors.Count > 0)
            return new RealmServiceSaveResult.Invalid(plan.Errors);

        var invalidating = DeviceInvalidatingChanges(realm, row, plan);
        if (row is null)
        {
            row = new RealmServiceSettings { Realm = realm };
            db.RealmServiceSettings.Add(row);
        }

        row.Transport = plan.Transport;
        row.Region = plan.Region;
        row.AccessKeyId = plan.AccessKeyId;
        row.ProtectedSecretAccessKey = plan.NewSecret is not null && plan.NewSecret == newSecret ? protectedNewSecret : plan.KeptProtectedSecret;
        row.ApnsEndpoint = plan.ApnsEndpoint;
        row.GcmEndpoint = plan.GcmEndpoint;
        row.ServiceUrl = plan.ServiceUrl;
        row.DeviceProfileEncryption = plan.DeviceProfileEncryption;
        row.SkippableAttributeName = plan.SkippableAttributeName;
        row.UpdatedAt = time.GetUtcNow();
        row.UpdatedBy = savedBy.Trim();
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new RealmServiceSaveResult.Saved(BuildView(realm, row), invalidating);
    }

    /// <summary>Removes the realm's saved settings so it uses the configuration defaults again; false when there were none.</summary>
    public async Task<bool> ResetAsync(string realm, CancellationToken cancellationToken = default)
    {
        CheckRealm(realm);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.RealmServiceSettings.Where(r => r.Realm == realm).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    private async Task<RealmServiceSettings?> FindAsync(string realm, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.RealmServiceSettings.AsNoTracking().SingleOrDefaultAsync(r => r.Realm == realm, cancellationToken);
    }

    private static void CheckRealm(string realm)
    {
        if (!RealmNames.IsKnown(realm))
            throw new ArgumentException($"Unknown realm '{realm}'; the studio serves {string.Join(" and ", RealmNames.All)}.", nameof(realm));
    }

    private RealmServicesView BuildView(string realm, RealmServiceSettings? row)
    {
        static SettingValue<T> Pick<T>(T? saved, SettingValue<T> fallback) =>
            saved is not null ? new SettingValue<T>(saved, SettingSource.Saved) : fallback;

        var savedCredentials = row?.AccessKeyId is not null && row.ProtectedSecretAccessKey is not null;
        return new RealmServicesView
        {
            Realm = realm,
            Transport = Pick(row?.Transport, defaults.Transport),
            Region = Pick(row?.Region, defaults.Region),
            AccessKeyId = savedCredentials ? new(row!.AccessKeyId, SettingSource.Saved) : defaults.AccessKeyId,
            SecretSource = savedCredentials ? SettingSource.Saved : defaults.SecretAccessKey.Source,
            ApnsEndpoint = Pick(row?.ApnsEndpoint, defaults.ApnsEndpoint),
            GcmEndpoint = Pick(row?.GcmEndpoint, defaults.GcmEndpoint),
            ServiceUrl = Pick(row?.ServiceUrl, defaults.ServiceUrl),
            DeviceProfileEncryption = row?.DeviceProfileEncryption is { } encryption
                ? new(encryption, SettingSource.Saved)
                : defaults.DeviceProfileEncryption,
            SkippableAttributeName = Pick(row?.SkippableAttributeName, defaults.SkippableAttributeName),
            UpdatedAt = row?.UpdatedAt,
            UpdatedBy = row?.UpdatedBy,
        };
    }

    private string UnprotectSecret(string realm, string protectedSecret)
    {
        try
        {
            return _secretProtector.Unprotect(protectedSecret);
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException(
                $"The saved SNS Access Key Secret of realm '{realm}' can no longer be decrypted (the data protection key ring changed); enter it again on the Services page.", e);
        }
    }

    /// <summary>The overrides a save would store, or the problems that stop it.</summary>
    private sealed record SavePlan
    {
        public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);
        public string? Transport { get; set; }
        public string? Region { get; set; }
        public string? AccessKeyId { get; set; }
        public string? NewSecret { get; set; }
        public string? KeptProtectedSecret { get; set; }
        public string? ApnsEndpoint { get; set; }
        public string? GcmEndpoint { get; set; }
        public string? ServiceUrl { get; set; }
        public bool? DeviceProfileEncryption { get; set; }
        public string? SkippableAttributeName { get; set; }

        public override string ToString() => $"SavePlan {{ Errors = {Errors.Count} }}";
    }

    private SavePlan Plan(RealmServiceSettings? row, RealmServiceChanges changes)
    {
        var plan = new SavePlan();
        var errors = plan.Errors;
        static string? Clean(string? value) => RealmServiceDefaults.Clean(value);
        static T? OverrideOf<T>(T? value, T? fallback) where T : class => value is null || Equals(value, fallback) ? null : value;

        var transport = Clean(changes.Transport)?.ToLowerInvariant();
        if (RealmServiceValidator.ValidateTransport(transport) is { } transportProblem)
            errors[RealmServiceFields.Transport] = transportProblem;
        plan.Transport = OverrideOf(transport, defaults.Transport.Value);

        var region = Clean(changes.Region);
        if (region is not null && RealmServiceValidator.ValidateRegion(region) is { } regionProblem)
            errors[RealmServiceFields.Region] = regionProblem;
        plan.Region = OverrideOf(region, defaults.Region.Value);
        var effectiveRegion = region ?? defaults.Region.Value;
        var checkedRegion = errors.ContainsKey(RealmServiceFields.Region) ? null : effectiveRegion;

        var apns = Clean(changes.ApnsEndpoint);
        if (apns is not null && RealmServiceValidator.ValidatePlatformApplicationArn(apns, forApns: true, checkedRegion) is { } apnsProblem)
            errors[RealmServiceFields.ApnsEndpoint] = apnsProblem;
        plan.ApnsEndpoint = OverrideOf(apns, defaults.ApnsEndpoint.Value);

        var gcm = Clean(changes.GcmEndpoint);
        if (gcm is not null && RealmServiceValidator.ValidatePlatformApplicationArn(gcm, forApns: false, checkedRegion) is { } gcmProblem)
            errors[RealmServiceFields.GcmEndpoint] = gcmProblem;
        plan.GcmEndpoint = OverrideOf(gcm, defaults.GcmEndpoint.Value);

        var serviceUrl = Clean(changes.ServiceUrl);
        if (serviceUrl is not null && RealmServiceValidator.ValidateServiceUrl(serviceUrl) is { } urlProblem)
            errors[RealmServiceFields.ServiceUrl] = urlProblem;
        plan.ServiceUrl = OverrideOf(serviceUrl, defaults.ServiceUrl.Value);

        PlanCredentials(row, changes, plan);

        if (transport == PushTransportNames.Sns)
        {
            if (effectiveRegion is null)
                errors.TryAdd(RealmServiceFields.Region, "The SNS transport needs an SNS Region, e.g. eu-west-1.");
            var hasCredentials = plan.AccessKeyId is not null
                || (defaults.AccessKeyId.Value is not null && defaults.SecretAccessKey.Value is not null);
            if (!hasCredentials)
                errors.TryAdd(RealmServiceFields.AccessKeyId,
                    "The SNS transport needs an SNS Access Key ID and Secret: enter them here, or set JourneyStudio:Push:Sns:AccessKeyId " +
                    "and SecretAccessKey (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY).");
        }

        plan.DeviceProfileEncryption = changes.DeviceProfileEncryption == defaults.DeviceProfileEncryption.Value
            ? null
            : changes.DeviceProfileEncryption;

        var skippable = Clean(changes.SkippableAttributeName);
        if (skippable is not null && RealmServiceValidator.ValidateSkippableAttributeName(skippable) is { } skippableProblem)
            errors[RealmServiceFields.SkippableAttributeName] = skippableProblem;
        plan.SkippableAttributeName = OverrideOf(skippable, defaults.SkippableAttributeName.Value);
        return plan;
    }

    // The key ID and its secret are one credential: they are saved together or both follow the configuration.
    private void PlanCredentials(RealmServiceSettings? row, RealmServiceChanges changes, SavePlan plan)
    {
        var errors = plan.Errors;
        var keyId = RealmServiceDefaults.Clean(changes.AccessKeyId);
        var newSecret = RealmServiceDefaults.Clean(changes.SecretAccessKey);
        if (keyId is not null && RealmServiceValidator.ValidateAccessKeyId(keyId) is { } keyProblem)
            errors[RealmServiceFields.AccessKeyId] = keyProblem;
        if (newSecret is not null && RealmServiceValidator.ValidateSecretAccessKey(newSecret) is { } secretProblem)
            errors[RealmServiceFields.SecretAccessKey] = secretProblem;

        if (keyId is null)
        {
            if (newSecret is not null)
                errors.TryAdd(RealmServiceFields.AccessKeyId, "Enter the SNS Access Key ID that goes with the new secret.");
            return;
        }

        // A stored secret belongs to the stored key ID only; a different key ID needs its own secret.
        var storedSecret = row?.AccessKeyId == keyId ? row.ProtectedSecretAccessKey : null;
        if (newSecret is null && storedSecret is null)
        {
            if (keyId == defaults.AccessKeyId.Value)
                return; // unchanged configured credentials
            errors.TryAdd(RealmServiceFields.SecretAccessKey, row?.ProtectedSecretAccessKey is not null
                ? $"The SNS Access Key ID changed: enter the SNS Access Key Secret of {keyId}."
                : $"Enter the SNS Access Key Secret of {keyId}.");
            return;
        }

        plan.AccessKeyId = keyId;
        plan.NewSecret = newSecret;
        plan.KeptProtectedSecret = newSecret is null ? storedSecret : null;
    }

    private IReadOnlyList<string> DeviceInvalidatingChanges(string realm, RealmServiceSettings? row, SavePlan plan)
    {
        var before = BuildView(realm, row);
        var changed = new List<string>();
        void Compare(string field, string? old, string? now)
        {
            if (!string.Equals(old, now, StringComparison.Ordinal))
                changed.Add(RealmServiceFields.Label(field));
        }

        Compare(RealmServiceFields.Transport, before.Transport.Value, plan.Transport ?? defaults.Transport.Value);
        Compare(RealmServiceFields.Region, before.Region.Value, plan.Region ?? defaults.Region.Value);
        Compare(RealmServiceFields.AccessKeyId, before.AccessKeyId.Value, plan.AccessKeyId ?? defaults.AccessKeyId.Value);
        if (SecretChanged(row, plan))
            changed.Add(RealmServiceFields.Label(RealmServiceFields.SecretAccessKey));
        Compare(RealmServiceFields.ServiceUrl, before.ServiceUrl.Value, plan.ServiceUrl ?? defaults.ServiceUrl.Value);
        Compare(RealmServiceFields.ApnsEndpoint, before.ApnsEndpoint.Value, plan.ApnsEndpoint ?? defaults.ApnsEndpoint.Value);
        Compare(RealmServiceFields.GcmEndpoint, before.GcmEndpoint.Value, plan.GcmEndpoint ?? defaults.GcmEndpoint.Value);
        return changed;
    }

    private bool SecretChanged(RealmServiceSettings? row, SavePlan plan)
    {
        var savedBefore = row?.AccessKeyId is not null ? row.ProtectedSecretAccessKey : null;
        if (plan.NewSecret is null)
            return savedBefore != plan.KeptProtectedSecret; // the same stored secret, or configuration before and after
        if (savedBefore is null)
            return plan.NewSecret != defaults.SecretAccessKey.Value;
        try
        {
            return plan.NewSecret != _secretProtector.Unprotect(savedBefore);
        }
        catch (CryptographicException)
        {
            return true; // the old one is unreadable, so it cannot be shown to be the same
        }
    }
}
