using JourneyStudio.Runtime.Audit;
using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Runtime.SelfService;
using JourneyStudio.Runtime.Tests.Persistence;
using JourneyStudio.Runtime.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyStudio.Runtime.Tests.SelfService;

/// <summary>Terms versions and security questions on a real, migrated database.</summary>
public abstract class SelfServiceStoreTests(DatabaseProvider provider)
{
    private static readonly AuditActor Admin = AuditActor.Studio("admin", "192.0.2.1");

    private static SelfServiceStore Store(TestDatabase db, IAuditLog audit) =>
        new(db.Services.GetRequiredService<IDbContextFactory<JourneyStudioDbContext>>(), db.Clock, audit);

    [Fact]
    public async Task NewDatabase_HasThePlaceholderTermsAndIdmsTwoQuestions()
    {
        await using var db = await TestDatabase.StartAsync(provider);
        var store = Store(db, new NoAuditLog());

        var terms = await store.GetActiveTermsAsync(CancellationToken.None);
        Assert.Equal(SelfServiceDefaults.TermsVersion, terms?.Version);
        Assert.Equal([new KbaQuestion("1", "What's your favorite color?"), new KbaQuestion("2", "Who was your first employer?")],
            await store.GetQuestionsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task PublishTerms_AddsTheActiveVersion_KeepsTheOld_AndRefusesAReusedVersion()
    {
        await using var db = await TestDatabase.StartAsync(provider);
        var audit = new RecordingAuditLog();
        var store = Store(db, audit);

        Assert.IsType<SelfServiceResult.Done>(await store.PublishTermsAsync(" 1.0 ", "Be kind.", Admin));
        Assert.Equal(new SelfServiceResult.VersionTaken("1.0"), await store.PublishTermsAsync("1.0", "Other text.", Admin));
        Assert.IsType<SelfServiceResult.Invalid>(await store.PublishTermsAsync("2.0", "  ", Admin));

        var active = await store.GetActiveTermsAsync(CancellationToken.None);
        Assert.Equal(("1.0", "Be kind.", db.Clock.GetUtcNow()), (active!.Version, active.Terms, active.CreatedAt));
        Assert.Equal(["1.0", "0.0"], (await store.ListTermsAsync()).Select(t => t.Version));
        Assert.Single((await store.ListTermsAsync()).Where(t => t.IsActive));
        Assert.Equal(AuditActions.TermsPublish, Assert.Single(audit.Events).Action);
    }

    [Fact]
    public async Task SaveQuestions_ReplacesThemInOrder_AndRefusesDuplicates()
    {
        await using var db = await TestDatabase.StartAsync(provider);
        var store = Store(db, new NoAuditLog());

        Assert.IsType<SelfServiceResult.Done>(await store.SaveQuestionsAsync(
            [new KbaQuestion("3", "Name of your first pet?"), new KbaQuestion("1", "What's your favourite colour?")], Admin));
        Assert.IsType<SelfServiceResult.Invalid>(await store.SaveQuestionsAsync(
            [new KbaQuestion("4", "Same?"), new KbaQuestion("4", "Other?")], Admin));

        Assert.Equal([new KbaQuestion("3", "Name of your first pet?"), new KbaQuestion("1", "What's your favourite colour?")],
            await store.GetQuestionsAsync(CancellationToken.None));
    }
}

public sealed class SelfServiceStoreTestsOnSqlite() : SelfServiceStoreTests(DatabaseProvider.Sqlite);

public sealed class SelfServiceStoreTestsOnPostgres() : SelfServiceStoreTests(DatabaseProvider.Postgres);
