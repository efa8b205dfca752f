using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JourneyStudio.Runtime.SelfService;

/// <summary>One published version of the terms and conditions; never changed once written. One version is active at a time.</summary>
public sealed class TermsVersionRecord
{
    public int Id { get; init; }

    /// <summary>The admin's version label (IDM's <c>version</c>), unique, e.g. <c>2.0</c>.</summary>
    public required string Version { get; init; }

    public required string Terms { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public required string CreatedBy { get; init; }

    public bool IsActive { get; set; }
}

/// <summary>One predefined security question that KBA Definition offers (IDM's <c>selfservice.kba</c> questions).</summary>
public sealed class KbaQuestionRecord
{
    public int Id { get; init; }

    /// <summary>IDM's question id, which <c>kbaInfo[].questionId</c> names, e.g. <c>1</c>.</summary>
    public required string QuestionId { get; init; }

    public required string Question { get; set; }

    public int Position { get; set; }
}

internal sealed class TermsVersionRecordConfiguration : IEntityTypeConfiguration<TermsVersionRecord>
{
    public void Configure(EntityTypeBuilder<TermsVersionRecord> terms)
    {
        terms.ToTable("TermsVersions");
        terms.Property(t => t.Version).HasMaxLength(SelfServiceRules.MaxVersionLength);
        terms.HasIndex(t => t.Version).IsUnique();
        terms.Property(t => t.Terms).HasMaxLength(SelfServiceRules.MaxTermsLength);
        terms.Property(t => t.CreatedBy).HasMaxLength(200);
        terms.HasData(new TermsVersionRecord
        {
            Id = 1, Version = SelfServiceDefaults.TermsVersion, Terms = SelfServiceDefaults.Terms,
            CreatedAt = SelfServiceDefaults.CreatedAt, CreatedBy = "system", IsActive = true,
        });
    }
}

internal sealed class KbaQuestionRecordConfiguration : IEntityTypeConfiguration<KbaQuestionRecord>
{
    public void Configure(EntityTypeBuilder<KbaQuestionRecord> question)
    {
        question.ToTable("KbaQuestions");
        question.Property(q => q.QuestionId).HasMaxLength(SelfServiceRules.MaxQuestionIdLength);
        question.HasIndex(q => q.QuestionId).IsUnique();
        question.Property(q => q.Question).HasMaxLength(SelfServiceRules.MaxQuestionLength);
        question.HasData(SelfServiceDefaults.Questions.Select((q, i) =>
            new KbaQuestionRecord { Id = i + 1, QuestionId = q.Id, Question = q.Question, Position = i }));
    }
}

/// <summary>What a new database starts with: IDM's two default questions, and placeholder terms for the admin to replace.</summary>
public static class SelfServiceDefaults
{
    public const string TermsVersion = "0.0";
    public const string Terms = "These are placeholder terms and conditions. An administrator publishes the real ones in the studio, under Terms & Questions.";
    public static readonly DateTimeOffset CreatedAt = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly IReadOnlyList<KbaQuestion> Questions =
    [
        new("1", "What's your favorite color?"),
        new("2", "Who was your first employer?"),
    ];
}
