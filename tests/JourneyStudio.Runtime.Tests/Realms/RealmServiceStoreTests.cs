using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Runtime.Push.Sns;
using JourneyStudio.Runtime.Realms;
using JourneyStudio.Runtime.Tests.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyStudio.Runtime.Tests.Realms;

/// <summary>Realm Push Notification / Authenticator (Push) services on a real SQLite file.</summary>
public abstract class RealmServiceStoreTests(DatabaseProvider provider) : IAsyncLifetime
{
    private const string GcmArn = "arn:aws:sns:eu-west-1:123456789012:app/GCM/ForgeRockAuthenticator";
    private const string ApnsArn = "arn:aws:sns:eu-west-1:123456789012:app/APNS/ForgeRockAuthenticator";
    private const string NewGcmArn = "arn:aws:sns:eu-west-1:123456789012:app/GCM/NewApp";

    private TestDatabase _db = null!;
    private readonly Dictionary<string, string?> _environment = new();

    public async Task InitializeAsync() => _db = await TestDatabase.StartAsync(provider);

    public async Task DisposeAsync() => await _db.DisposeAsync();

    /// <summary>A store whose configuration defaults are an operator's settings for SNS in eu-west-1.</summary>
    private RealmServiceStore Store(string? transport = "sns", SnsOptions? sns = null) => new(
        _db.Services.GetRequiredService<IDbContextFactory<JourneyStudioDbContext>>(),
        _db.Services.GetRequiredService<IDataProtectionProvider>(),
        new RealmServiceDefaults(transport, sns ?? new SnsOptions
        {
            Region = "eu-west-1",
            AccessKeyId = "AKIACONFIGURED000001",
            SecretAccessKey = "configured-secret",
            SessionToken = "configured-token",
            GcmPlatformApplicationArn = GcmArn,
            ApnsPlatformApplicationArn = ApnsArn,
        }, name => _environment.GetValueOrDefault(name)),
        _db.Clock);

    private static async Task<RealmServicesView> SaveOk(RealmServiceStore store, string realm, RealmServiceChanges changes)
    {
        var result = await store.SaveAsync(realm, changes, "admin");
        var saved = Assert.IsType<RealmServiceSaveResult.Saved>(result);
        return saved.View;
    }

    private static async Task<IReadOnlyDictionary<string, string>> SaveInvalid(RealmServiceStore store, RealmServiceChanges changes)
    {
        var result = await store.SaveAsync(RealmNames.Alpha, changes, "admin");
        return Assert.IsType<RealmServiceSaveResult.Invalid>(result).Errors;
    }

    [Fact]
    public async Task NothingSaved_UsesConfiguration_AndBuiltInAuthenticatorDefaults()
    {
        var view = await Store().GetAsync(RealmNames.Alpha);

        Assert.Equal(new SettingValue<string>("sns", SettingSource.Configuration), view.Transport);
        Assert.Equal(new SettingValue<string?>("eu-west-1", SettingSource.Configuration), view.Region);
        Assert.Equal(new SettingValue<string?>(GcmArn, SettingSource.Configuration), view.GcmEndpoint);
        Assert.Equal(SettingSource.Configuration, view.SecretSource);
        Assert.Equal(new SettingValue<bool>(false, SettingSource.Default), view.DeviceProfileEncryption);
        Assert.Equal(new SettingValue<string>("push2faEnabled", SettingSource.Default), view.SkippableAttributeName);
        Assert.Null(view.UpdatedAt);

        var sns = await Store().GetSnsOptionsAsync(RealmNames.Root);
        Assert.Equal(("AKIACONFIGURED000001", "configured-secret", "configured-token"), (sns.AccessKeyId, sns.SecretAccessKey, sns.SessionToken));
        Assert.Equal("sns", await Store().GetTransportAsync(RealmNames.Root));
    }

    [Fact]
    public async Task NothingConfigured_FallsBackToAwsEnvironment_ThenEmbedded()
    {
        _environment[SnsSettingsResolver.RegionVariable] = "us-east-2";
        _environment[SnsSettingsResolver.AccessKeyIdVariable] = "AKIAENVIRONMENT00001";
        _environment[SnsSettingsResolver.SecretAccessKeyVariable] = "environment-secret";

        var view = await Store(transport: null, sns: new SnsOptions()).GetAsync(RealmNames.Alpha);

        Assert.Equal(new SettingValue<string>("embedded", SettingSource.Default), view.Transport);
        Assert.Equal(new SettingValue<string?>("us-east-2", SettingSource.Environment), view.Region);
        Assert.Equal(new SettingValue<string?>("AKIAENVIRONMENT00001", SettingSource.Environment), view.AccessKeyId);
        Assert.Equal(SettingSource.Environment, view.SecretSource);
        Assert.Equal(new SettingValue<string?>(null, SettingSource.Default), view.GcmEndpoint);
        // The SNS resolver applies the environment itself, so the options leave those values unset.
        Assert.Null((await Store(transport: null, sns: new SnsOptions()).GetSnsOptionsAsync(RealmNames.Alpha)).Region);
    }

    [Fact]
    public async Task Save_OverridesOnlyTheRealmAndFieldsThatDifferFromConfiguration()
    {
        var store = Store();
        var changes = (await store.GetAsync(RealmNames.Alpha)).ToChanges() with
        {
            GcmEndpoint = NewGcmArn, DeviceProfileEncryption = true, SkippableAttributeName = "mfaSkippable",
        };

        var view = await SaveOk(store, RealmNames.Alpha, changes);

        Assert.Equal(new SettingValue<string?>(NewGcmArn, SettingSource.Saved), view.GcmEndpoint);
        Assert.Equal(new SettingValue<bool>(true, SettingSource.Saved), view.DeviceProfileEncryption);
        Assert.Equal(new SettingValue<string>("mfaSkippable", SettingSource.Saved), view.SkippableAttributeName);
        Assert.Equal(SettingSource.Configuration, view.ApnsEndpoint.Source);
        Assert.Equal(SettingSource.Configuration, view.Region.Source);
        Assert.Equal(("admin", _db.Clock.GetUtcNow()), (view.UpdatedBy, view.UpdatedAt!.Value));

        Assert.Equal(NewGcmArn, (await store.GetSnsOptionsAsync(RealmNames.Alpha)).GcmPlatformApplicationArn);
        Assert.Equal(GcmArn, (await store.GetSnsOptionsAsync(RealmNames.Root)).GcmPlatformApplicationArn);
        var list = await store.ListAsync();
        Assert.Equal(["alpha", "root"], list.Select(v => v.Realm));
        Assert.Equal(SettingSource.Configuration, list[1].GcmEndpoint.Source);
    }

    [Fact]
    public async Task SavedSecret_IsProtectedAtRest_AndOnlyTheEffectiveSettingsCarryIt()
    {
        var store = Store();
        var changes = (await store.GetAsync(RealmNames.Alpha)).ToChanges() with
        {
            AccessKeyId = "AKIAREALMALPHA000001", SecretAccessKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        };

        var view = await SaveOk(store, RealmNames.Alpha, changes);

        var raw = (string?)_db.QueryScalar("SELECT \"ProtectedSecretAccessKey\" FROM \"RealmServiceSettings\" WHERE \"Realm\" = 'alpha'");
        Assert.False(string.IsNullOrEmpty(raw));
        Assert.DoesNotContain("wJalrXUtnFEMI", raw);
        Assert.Equal(SettingSource.Saved, view.SecretSource);
        Assert.DoesNotContain("wJalrXUtnFEMI", view.ToString());
        var sns = await store.GetSnsOptionsAsync(RealmNames.Alpha);
        // The configured session token belongs to the configured keys, not to the realm's own.
        Assert.Equal(("AKIAREALMALPHA000001", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", (string?)null), (sns.AccessKeyId, sns.SecretAccessKey, sns.SessionToken));
    }

    [Fact]
    public async Task BlankSecretOnSave_KeepsTheStoredOne_ButANewKeyIdNeedsItsOwn()
    {
        var store = Store();
        var first = (await store.GetAsync(RealmNames.Alpha)).ToChanges() with { AccessKeyId = "AKIAREALMALPHA000001", SecretAccessKey = "first-secret" };
        await SaveOk(store, RealmNames.Alpha, first);

        var again = (await store.GetAsync(RealmNames.Alpha)).ToChanges() with { Region = "eu-west-1", SecretAccessKey = "" };
        await SaveOk(store, RealmNames.Alpha, again);
        Assert.Equal("first-secret", (await store.GetSnsOptionsAsync(RealmNames.Alpha)).SecretAccessKey);

        var otherKey = again with { AccessKeyId = "AKIAREALMALPHA000002" };
        var errors = await SaveInvalid(store, otherKey);
        Assert.Equal("The SNS Access Key ID changed: enter the SNS Access Key Secret of AKIAREALMALPHA000002.", errors[RealmServiceFields.SecretAccessKey]);
        Assert.Equal("first-secret", (await store.GetSnsOptionsAsync(RealmNames.Alpha)).SecretAccessKey);
    }

    [Theory]
    [InlineData(RealmServiceFields.Region, "EU West", "SNS Region 'EU West' is not an AWS region name such as eu-west-1.")]
    [InlineData(RealmServiceFields.Transport, "firebase", "Transport 'firebase' is not known; choose 'embedded' or 'sns'.")]
    [InlineData(RealmServiceFields.GcmEndpoint, "arn:aws:sns:eu-west-1:123456789012:app/APNS/App",
        "SNS Endpoint for GCM is a 'APNS' platform application; the GCM endpoint needs app/GCM/....")]
    [InlineData(RealmServiceFields.ApnsEndpoint, "arn:aws:sns:eu-west-1:123456789012:app/GCM/App",
        "SNS Endpoint for APNS is a 'GCM' platform application; the APNS endpoint needs app/APNS/... or app/APNS_SANDBOX/....")]
    [InlineData(RealmServiceFields.GcmEndpoint, "arn:aws:sns:us-east-1:123456789012:app/GCM/App",
        "SNS Endpoint for GCM is in region us-east-1, but the SNS Region is eu-west-1; the platform application must be in the service's region.")]
    [InlineData(RealmServiceFields.GcmEndpoint, "arn:aws:sns:eu-west-1:1234:app/GCM/App",
        "SNS Endpoint for GCM has '1234' where the 12-digit AWS account ID belongs.")]
    [InlineData(RealmServiceFields.GcmEndpoint, "arn:aws:sns:eu-west-1:123456789012:endpoint/GCM/App/1b2c",
        "SNS Endpoint for GCM names 'endpoint/GCM/App/1b2c', not a platform application (app/{platform}/{name}); a device endpoint ARN (endpoint/...) cannot be used here.")]
    [InlineData(RealmServiceFields.GcmEndpoint, "arn:aws:sqs:eu-west-1:123456789012:app/GCM/App",
        "SNS Endpoint for GCM 'arn:aws:sqs:eu-west-1:123456789012:app/GCM/App' is not an Amazon SNS ARN: it must start with arn:aws:sns:.")]
    [InlineData(RealmServiceFields.ApnsEndpoint, "my-apns-app",
        "SNS Endpoint for APNS 'my-apns-app' is not an ARN; expected arn:aws:sns:{region}:{account}:app/{platform}/{name}, e.g. arn:aws:sns:eu-west-1:123456789012:app/GCM/MyApp.")]
    [InlineData(RealmServiceFields.ServiceUrl, "localhost:4566", "SNS Service URL 'localhost:4566' is not an absolute http(s) URL such as https://sns.eu-west-1.amazonaws.com/.")]
    [InlineData(RealmServiceFields.SkippableAttributeName, "push 2fa",
        "'push 2fa' is not an attribute name: use a letter followed by letters, digits or '-' (at most 100), e.g. push2faEnabled.")]
    public async Task Save_BadValue_IsRefusedWithAFieldMessage_AndNothingIsStored(string field, string value, string message)
    {
        var store = Store();
        var changes = (await store.GetAsync(RealmNames.Alpha)).ToChanges();
        changes = field switch
        {
            RealmServiceFields.Region => changes with { Region = value },
            RealmServiceFields.Transport => changes with { Transport = value },
            RealmServiceFields.GcmEndpoint => changes with { GcmEndpoint = value },
            RealmServiceFields.ApnsEndpoint => changes with { ApnsEndpoint = value },
            RealmServiceFields.ServiceUrl => changes with { ServiceUrl = value },
            _ => changes with { SkippableAttributeName = value },
        };

        var errors = await SaveInvalid(store, changes);

        Assert.Equal(message, Assert.Single(errors, e => e.Key == field).Value);
        Assert.Equal(0L, _db.QueryScalar("SELECT COUNT(*) FROM \"RealmServiceSettings\""));
    }

    [Fact]
    public async Task Save_SnsTransportWithoutRegionOrCredentials_NamesBothFields()
    {
        var store = Store(transport: null, sns: new SnsOptions());

        var errors = await SaveInvalid(store, new RealmServiceChanges { Transport = "sns" });

        Assert.Equal("The SNS transport needs an SNS Region, e.g. eu-west-1.", errors[RealmServiceFields.Region]);
        Assert.StartsWith("The SNS transport needs an SNS Access Key ID and Secret", errors[RealmServiceFields.AccessKeyId]);
    }

    [Fact]
    public async Task Save_SecretWithoutKeyId_IsRefused()
    {
        var store = Store(transport: null, sns: new SnsOptions());

        var errors = await SaveInvalid(store, new RealmServiceChanges { SecretAccessKey = "lonely-secret" });

        Assert.Equal("Enter the SNS Access Key ID that goes with the new secret.", errors[RealmServiceFields.AccessKeyId]);
    }

    [Fact]
    public async Task Reset_ReturnsTheRealmToConfiguration()
    {
        var store = Store();
        await SaveOk(store, RealmNames.Alpha, (await store.GetAsync(RealmNames.Alpha)).ToChanges() with
        {
            Transport = "embedded", AccessKeyId = "AKIAREALMALPHA000001", SecretAccessKey = "s3cret",
        });

        Assert.True(await store.ResetAsync(RealmNames.Alpha));
        Assert.False(await store.ResetAsync(RealmNames.Alpha));

        var view = await store.GetAsync(RealmNames.Alpha);
        Assert.Equal(new SettingValue<string>("sns", SettingSource.Configuration), view.Transport);
        Assert.Equal(SettingSource.Configuration, view.SecretSource);
        Assert.Equal("configured-secret", (await store.GetSnsOptionsAsync(RealmNames.Alpha)).SecretAccessKey);
        Assert.False(view.HasSavedDeliverySettings);
    }

    [Fact]
    public async Task DeviceInvalidation_IsReportedForDeliveryChanges_NotForAuthenticatorSettings()
    {
        var store = Store();
        var current = (await store.GetAsync(RealmNames.Alpha)).ToChanges();

        Assert.Empty(await store.FindDeviceInvalidatingChangesAsync(RealmNames.Alpha, current));
        Assert.Empty(await store.FindDeviceInvalidatingChangesAsync(RealmNames.Alpha,
            current with { DeviceProfileEncryption = true, SkippableAttributeName = "other" }));
        Assert.Equal(["SNS Endpoint for GCM"],
            await store.FindDeviceInvalidatingChangesAsync(RealmNames.Alpha, current with { GcmEndpoint = NewGcmArn }));
        Assert.Equal(["SNS Access Key ID", "SNS Access Key Secret"], await store.FindDeviceInvalidatingChangesAsync(RealmNames.Alpha,
            current with { AccessKeyId = "AKIAREALMALPHA000001", SecretAccessKey = "new" }));

        var saved = Assert.IsType<RealmServiceSaveResult.Saved>(
            await store.SaveAsync(RealmNames.Alpha, current with
            {
                Region = "eu-central-1",
                GcmEndpoint = "arn:aws:sns:eu-central-1:123456789012:app/GCM/App",
                ApnsEndpoint = "arn:aws:sns:eu-central-1:123456789012:app/APNS_SANDBOX/App",
            }, "admin"));
        Assert.Equal(["SNS Region", "SNS Endpoint for APNS", "SNS Endpoint for GCM"], saved.DeviceInvalidatingChanges);

        // Same secret typed again: not a change.
        await SaveOk(store, RealmNames.Root, current with { AccessKeyId = "AKIAREALMALPHA000001", SecretAccessKey = "same" });
        Assert.Empty(await store.FindDeviceInvalidatingChangesAsync(RealmNames.Root,
            (await store.GetAsync(RealmNames.Root)).ToChanges() with { SecretAccessKey = "same" }));
    }

    [Fact]
    public async Task UnknownRealm_IsRefused()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Store().GetAsync("beta"));
        Assert.StartsWith("Unknown realm 'beta'; the studio serves alpha and root.", error.Message);
    }
}

public sealed class RealmServiceStoreTestsOnSqlite() : RealmServiceStoreTests(DatabaseProvider.Sqlite);

public sealed class RealmServiceStoreTestsOnPostgres() : RealmServiceStoreTests(DatabaseProvider.Postgres);
