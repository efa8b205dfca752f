using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Identities;
using JourneyStudio.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JourneyStudio.Runtime.Sessions;

/// <summary>
/// One sign-on through a journey, kept server-side. The client only holds an authId naming the row and
/// the step; everything the engine needs to continue is here. Never holds transient state (passwords).
/// </summary>
public sealed class JourneySessionRecord
{
    /// <summary>Random, 32 hex digits.</summary>
    public required string Id { get; init; }

    public required string JourneyName { get; init; }

    /// <summary>
    /// The id of the journey's row when the sign-on started, so that its runs belong to that journey and not to a later
    /// one of the same name (deleted and imported again). Null for rows stored before runs had an owner.
    /// </summary>
    public int? JourneyId { get; init; }

    /// <summary>The journey revision the sign-on is pinned to.</summary>
    public int Revision { get; init; }

    public required string Realm { get; init; }

    public JourneySessionStatus Status { get; set; }

    /// <summary>
    /// The username the sign-on is about (shared state <c>username</c> as of the last step), so that disabling, locking
    /// or deleting that identity, or changing its password, can end the sign-on. Null until a node sets one.
    /// </summary>
    public string? Username { get; set; }

    /// <summary>Set when an account change ended the sign-on (then <see cref="Status"/> is Failed); its next step is refused.</summary>
    public SignOnRefusal? EndedBy { get; set; }

    /// <summary>
    /// The step the client may answer next. It goes up by one when a submission is accepted, which makes it
    /// the concurrency check: of two submissions of the same step only one can move it on.
    /// </summary>
    public int Step { get; set; }

    /// <summary><see cref="JourneySessionState.ToJson"/>.</summary>
    public required string StateJson { get; set; }

    /// <summary>The callbacks of the step last sent (also inside the state; here for inspection).</summary>
    public required string CallbacksJson { get; set; }

    /// <summary>The nodes passed and the outcomes taken, for the designer's path highlight.</summary>
    public required string VisitedPathJson { get; set; }

    /// <summary>
    /// The run debugger's trace: one <see cref="StepTrace"/> JSON per line, appended by the same UPDATE that stores the
    /// step, for the first <see cref="StepTrace.MaxSteps"/> steps. Kept as long as the row.
    /// </summary>
    public string TraceJson { get; set; } = "";

    /// <summary>Why the sign-on failed, as the engine said it (e.g. a script's name, line and error); null unless it failed.</summary>
    public string? FailureReason { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>When the row may be deleted: the idle or maximum limit while in progress, the retention after it ended.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>The hard limit of the sign-on (start + maximum duration).</summary>
    public DateTimeOffset MaxExpiresAt { get; init; }
}

internal sealed class JourneySessionRecordConfiguration : IEntityTypeConfiguration<JourneySessionRecord>
{
    public void Configure(EntityTypeBuilder<JourneySessionRecord> session)
    {
        session.ToTable("JourneySessions");
        session.HasKey(s => s.Id);
        session.Property(s => s.Id).HasMaxLength(32);
        session.Property(s => s.JourneyName).HasMaxLength(JourneyNameRules.MaxLength)
            .UseCollation(JourneyStudioDbContext.CaseInsensitiveCollation);
        session.Property(s => s.Realm).HasMaxLength(100);
        session.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        session.Property(s => s.Username).HasMaxLength(IdentityRules.MaxUsernameLength)
            .UseCollation(JourneyStudioDbContext.CaseInsensitiveCollation);
        session.HasIndex(s => s.Username);
        session.Property(s => s.EndedBy).HasConversion<string>().HasMaxLength(20);
        session.Property(s => s.FailureReason).HasMaxLength(JourneySessionStore.MaxFailureReasonLength);
        session.HasIndex(s => new { s.JourneyName, s.CreatedAt });
        session.HasIndex(s => new { s.JourneyId, s.CreatedAt });
        session.HasIndex(s => s.ExpiresAt);
    }
}
