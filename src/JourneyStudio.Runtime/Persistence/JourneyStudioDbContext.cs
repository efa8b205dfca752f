using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;

namespace JourneyStudio.Runtime.Persistence;

/// <summary>
/// The studio's database. Entities are configured by the <see cref="IEntityTypeConfiguration{TEntity}"/>
/// classes of this assembly, so a later entity (identities, sessions, devices) is one entity class,
/// one configuration class, one DbSet and one migration per provider (src/JourneyStudio.Persistence.Sqlite and
/// src/JourneyStudio.Persistence.Postgres; their README says how).
/// </summary>
/// <remarks>
/// The model is written once for both providers. Where they differ it is said here, in
/// <see cref="ApplyPostgresDifferences"/>: the case-insensitive collation and boolean index filters. Times are stored
/// as fixed-width UTC text on both (<see cref="UtcSortableDateTimeOffsetConverter"/>), so raw SQL compares them alike.
/// </remarks>
public sealed class JourneyStudioDbContext(DbContextOptions<JourneyStudioDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    /// <summary>
    /// Names compared without regard to case. On SQLite the built-in NOCASE (folds ASCII letters only); on PostgreSQL an
    /// ICU collation of the same name that the schema creates (folds every letter's case, keeps accents), so that
    /// every <c>UseCollation</c> and <c>EF.Functions.Collate</c> reads the same on both.
    /// </summary>
    /// <remarks>
    /// The PostgreSQL one is nondeterministic, and PostgreSQL 15 refuses LIKE and substring searches on such columns:
    /// search them in memory or through a column without it.
    /// </remarks>
    public const string CaseInsensitiveCollation = "NOCASE";

    /// <summary>
    /// <paramref name="value"/> in upper case by every letter's rules (as <see cref="string.ToUpperInvariant"/>), in SQL only,
    /// for case-insensitive substring search: on PostgreSQL <c>upper(value COLLATE "und-x-icu")</c> (ICU's deterministic root
    /// collation, which LIKE and strpos accept), on SQLite the function <see cref="SqliteCaseFoldFunction"/> that
    /// <see cref="SqliteConnectionSetupInterceptor"/> adds to every native connection (SQLite's own upper folds ASCII only).
    /// </summary>
    public static string CaseFold(string value) => throw new InvalidOperationException($"{nameof(CaseFold)} runs in SQL only.");

    /// <summary>The name of <see cref="CaseFold"/>'s function on SQLite connections.</summary>
    public const string SqliteCaseFoldFunction = "js_casefold";

    public DatabaseProvider Provider => Database.IsNpgsql() ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;

    /// <summary>The Data Protection key ring (<c>PersistKeysToDbContext</c>), shared by every instance on the database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<JourneyRecord> Journeys => Set<JourneyRecord>();

    public DbSet<JourneyRevisionRecord> JourneyRevisions => Set<JourneyRevisionRecord>();

    public DbSet<AdminAccount> AdminAccounts => Set<AdminAccount>();

    public DbSet<Identities.Identity> Identities => Set<Identities.Identity>();

    public DbSet<Identities.RetryCounter> RetryCounters => Set<Identities.RetryCounter>();

    public DbSet<Devices.MfaDevice> MfaDevices => Set<Devices.MfaDevice>();

    public DbSet<Devices.RecoveryCodeRecord> RecoveryCodes => Set<Devices.RecoveryCodeRecord>();

    public DbSet<Devices.PushMessageRecord> PushMessages => Set<Devices.PushMessageRecord>();

    public DbSet<Push.Embedded.VirtualInboxMessage> VirtualInbox => Set<Push.Embedded.VirtualInboxMessage>();
    public DbSet<Realms.RealmServiceSettings> RealmServiceSettings => Set<Realms.RealmServiceSettings>();

    public DbSet<Email.MailboxMessage> Mailbox => Set<Email.MailboxMessage>();

    public DbSet<Email.EmailTemplateRecord> EmailTemplates => Set<Email.EmailTemplateRecord>();

    public DbSet<Email.SuspendedSignOnRecord> SuspendedSignOns => Set<Email.SuspendedSignOnRecord>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcSortableDateTimeOffsetConverter>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(JourneyStudioDbContext).Assembly);
        // The OpenID Connect provider's stores (clients, authorizations, scopes, tokens): OpenIddict's own entities and
        // mappings, provider-neutral, in this database so that every instance sees the same grants.
        modelBuilder.UseOpenIddict();
        modelBuilder.Entity<DataProtectionKey>().ToTable("DataProtectionKeys");
        if (Provider == DatabaseProvider.Postgres) ApplyPostgresDifferences(modelBuilder);
        MapCaseFold(modelBuilder, Provider);
    }

    private static void MapCaseFold(ModelBuilder modelBuilder, DatabaseProvider provider) =>
        modelBuilder.HasDbFunction(typeof(JourneyStudioDbContext).GetMethod(nameof(CaseFold))!).HasTranslation(arguments =>
        {
            var value = arguments[0];
            return provider == DatabaseProvider.Postgres
                ? new SqlFunctionExpression("upper", [new CollateExpression(value, "und-x-icu")], nullable: true,
                    argumentsPropagateNullability: [true], typeof(string), value.TypeMapping)
                : new SqlFunctionExpression(SqliteCaseFoldFunction, [value], nullable: true,
                    argumentsPropagateNullability: [true], typeof(string), value.TypeMapping);
        });

    /// <summary>The configurations are written in SQLite's terms; this is what PostgreSQL needs instead.</summary>
    private static void ApplyPostgresDifferences(ModelBuilder modelBuilder)
    {
        // ICU root locale at strength 2: "Ann" = "ann", "Ann" != "Ánn". Nondeterministic, so equality, unique indexes
        // and ORDER BY all ignore case, as NOCASE does on SQLite.
        modelBuilder.HasCollation(CaseInsensitiveCollation, locale: "und-u-ks-level2", provider: "icu", deterministic: false);
        // A boolean is compared as a boolean (SQLite stores it as 0/1).
        modelBuilder.Entity<JourneyRecord>().HasIndex(j => j.IsRealmDefault).HasFilter("\"IsRealmDefault\"");
    }
}

internal sealed class JourneyRecordConfiguration : IEntityTypeConfiguration<JourneyRecord>
{
    public void Configure(EntityTypeBuilder<JourneyRecord> journey)
    {
        journey.ToTable("Journeys");
        journey.Property(j => j.Name).HasMaxLength(JourneyNameRules.MaxLength)
            .UseCollation(JourneyStudioDbContext.CaseInsensitiveCollation);
        journey.HasIndex(j => j.Name).IsUnique();
        journey.Property(j => j.CurrentRevision).IsConcurrencyToken();
        journey.Ignore(j => j.DraftRevision);
        // A second realm default cannot be written even by a buggy or racing writer.
        journey.HasIndex(j => j.IsRealmDefault).IsUnique().HasFilter("\"IsRealmDefault\" = 1");
        journey.HasMany(j => j.Revisions).WithOne().HasForeignKey(r => r.JourneyId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class JourneyRevisionRecordConfiguration : IEntityTypeConfiguration<JourneyRevisionRecord>
{
    public void Configure(EntityTypeBuilder<JourneyRevisionRecord> revision)
    {
        revision.ToTable("JourneyRevisions");
        // Two writers that both try to add revision N+1 cannot both succeed.
        revision.HasIndex(r => new { r.JourneyId, r.Revision }).IsUnique();
        revision.Property(r => r.SavedBy).HasMaxLength(200);
        revision.Property(r => r.Note).HasMaxLength(1000);
    }
}

internal sealed class AdminAccountConfiguration : IEntityTypeConfiguration<AdminAccount>
{
    public void Configure(EntityTypeBuilder<AdminAccount> admin)
    {
        admin.ToTable("AdminAccounts");
        admin.Property(a => a.Username).HasMaxLength(AdminAccountStore.MaxUsernameLength)
            .UseCollation(JourneyStudioDbContext.CaseInsensitiveCollation);
        admin.HasIndex(a => a.Username).IsUnique();
    }
}
