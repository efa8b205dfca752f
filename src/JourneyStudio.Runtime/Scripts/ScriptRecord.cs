using JourneyStudio.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JourneyStudio.Runtime.Scripts;

/// <summary>
/// One script (AM's script resource) and its current content. Every saved version lives in <see cref="ScriptRevisionRecord"/>;
/// <see cref="Json"/> repeats the current one, and the columns beside it repeat what lists and nodes look up by.
/// </summary>
public sealed class ScriptRecord
{
    public int Id { get; init; }

    /// <summary>AM's <c>_id</c>, which nodes name in their <c>script</c> property.</summary>
    public required string ScriptId { get; init; }

    /// <summary>Unique without regard to ASCII case.</summary>
    public required string Name { get; set; }

    public required string Language { get; set; }

    public required string Context { get; set; }

    public required string EvaluatorVersion { get; set; }

    public int CurrentRevision { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The current revision: the script as one frodo script object (<c>FrodoScriptSection.ToJson</c>).</summary>
    public required string Json { get; set; }

    public List<ScriptRevisionRecord> Revisions { get; init; } = [];
}

/// <summary>One saved version of a script; never changed once written.</summary>
public sealed class ScriptRevisionRecord
{
    public int Id { get; init; }

    public int ScriptRecordId { get; init; }

    public int Revision { get; init; }

    public required string Json { get; init; }

    public DateTimeOffset SavedAt { get; init; }

    public required string SavedBy { get; init; }
}

internal sealed class ScriptRecordConfiguration : IEntityTypeConfiguration<ScriptRecord>
{
    public const int MaxNameLength = 200;

    public void Configure(EntityTypeBuilder<ScriptRecord> script)
    {
        script.ToTable("Scripts");
        script.Property(s => s.ScriptId).HasMaxLength(200);
        script.HasIndex(s => s.ScriptId).IsUnique();
        script.Property(s => s.Name).HasMaxLength(MaxNameLength).UseCollation(JourneyStudioDbContext.CaseInsensitiveCollation);
        script.HasIndex(s => s.Name).IsUnique();
        script.Property(s => s.Language).HasMaxLength(20);
        script.Property(s => s.Context).HasMaxLength(100);
        script.Property(s => s.EvaluatorVersion).HasMaxLength(10);
        script.Property(s => s.CurrentRevision).IsConcurrencyToken();
        script.HasMany(s => s.Revisions).WithOne().HasForeignKey(r => r.ScriptRecordId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ScriptRevisionRecordConfiguration : IEntityTypeConfiguration<ScriptRevisionRecord>
{
    public void Configure(EntityTypeBuilder<ScriptRevisionRecord> revision)
    {
        revision.ToTable("ScriptRevisions");
        revision.HasIndex(r => new { r.ScriptRecordId, r.Revision }).IsUnique();
        revision.Property(r => r.SavedBy).HasMaxLength(200);
    }
}
