using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JourneyStudio.Runtime.Persistence;

/// <summary>
/// The studio's database. Entities are configured by the <see cref="IEntityTypeConfiguration{TEntity}"/>
/// classes of this assembly, so a later entity (identities, sessions, devices) is one entity class,
/// one configuration class, one DbSet and one migration.
/// </summary>
public sealed class JourneyStudioDbContext(DbContextOptions<JourneyStudioDbContext> options) : DbContext(options)
{
    /// <summary>SQLite's built-in case-insensitive collation (folds ASCII letters only).</summary>
    public const string CaseInsensitiveCollation = "NOCASE";

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

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcSortableDateTimeOffsetConverter>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(JourneyStudioDbContext).Assembly);
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
