using JourneyStudio.Runtime.Administration;
using JourneyStudio.Runtime.Audit;
using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Runtime.Push.Sns;
using JourneyStudio.Runtime.Realms;
using JourneyStudio.Runtime.Tests.Persistence;
using JourneyStudio.Runtime.Tests.Support;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyStudio.Runtime.Tests.Audit;

/// <summary>Realm service saves and resets in the audit log: which fields changed, never a value.</summary>
public abstract class RealmServiceAdminServiceTests(DatabaseProvider provider) : IAsyncLifetime
{
    private const string Secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETKEY";
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.StartAsync(provider);

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private DatabaseAuditLog Log => new(_db.Services.GetRequiredService<IDbContextFactory<JourneyStudioDbContext>>(), _db.Clock, new ListLogger<DatabaseAuditLog>());

    private RealmServiceAdminService Admin() => new(new RealmServiceStore(
        _db.Services.GetRequiredService<IDbContextFactory<JourneyStudioDbContext>>(),
        _db.Services.GetRequiredService<IDataProtectionProvider>(),
        new RealmServiceDefaults("embedded", new SnsOptions(), _ => null),
        _db.Clock), Log);

    private static readonly AuditActor Ops = AuditActor.Studio("ops", "192.0.2.10");

    [Fact]
    public async Task Save_RecordsTheLabelsOfTheChangedFields_AndNoValue()
    {
        var result = await Admin().SaveAsync(RealmNames.Alpha, new RealmServiceChanges
        {
            Transport = "sns", Region = "eu-west-1", AccessKeyId = "AKIAIOSFODNN7EXAMPLE", SecretAccessKey = Secret,
            SkippableAttributeName = "push2faEnabled",
        }, Ops);

        Assert.IsType<RealmServiceSaveResult.Saved>(result);
        var entry = Assert.Single((await Log.QueryAsync(new AuditQuery())).Entries).Event;
        Assert.Equal((AuditActions.ServiceSettings, "ops", "alpha", "studio", "192.0.2.10", true),
            (entry.Action, entry.Actor, entry.Target, entry.Channel, entry.RemoteAddress, entry.Succeeded));
        Assert.Equal("changed Transport, SNS Region, SNS Access Key ID, SNS Access Key Secret", entry.Detail);
        Assert.DoesNotContain(Secret, entry.Detail);
        Assert.DoesNotContain("AKIAIOSFODNN7EXAMPLE", entry.Detail);
    }

    [Fact]
    public async Task InvalidSave_IsRecordedAsRefused_NamingTheFields()
    {
        var result = await Admin().SaveAsync(RealmNames.Root, new RealmServiceChanges { Transport = "carrier-pigeon", Region = "not a region" }, Ops);

        Assert.IsType<RealmServiceSaveResult.Invalid>(result);
        var entry = Assert.Single((await Log.QueryAsync(new AuditQuery())).Entries).Event;
        Assert.False(entry.Succeeded);
        Assert.Equal("refused: not valid: Transport, SNS Region", entry.Detail);
    }

    [Fact]
    public async Task Reset_RecordsWhichSavedValuesWereRemoved()
    {
        await Admin().SaveAsync(RealmNames.Alpha, new RealmServiceChanges { Transport = "embedded", DeviceProfileEncryption = true, SkippableAttributeName = "push2faEnabled" }, Ops);

        Assert.True(await Admin().ResetAsync(RealmNames.Alpha, Ops));

        var entry = (await Log.QueryAsync(new AuditQuery { Action = AuditActions.ServiceReset })).Entries.Single().Event;
        Assert.Equal("removed the saved Device Profile Encryption", entry.Detail);
    }
}

public sealed class RealmServiceAdminServiceTestsOnSqlite() : RealmServiceAdminServiceTests(DatabaseProvider.Sqlite);

public sealed class RealmServiceAdminServiceTestsOnPostgres() : RealmServiceAdminServiceTests(DatabaseProvider.Postgres);
