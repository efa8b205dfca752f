using JourneyStudio.Runtime.Audit;
using JourneyStudio.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace JourneyStudio.Runtime.SelfService;

public sealed record TermsVersion(string Version, string Terms, DateTimeOffset CreatedAt, string CreatedBy, bool IsActive);

public sealed record KbaQuestion(string Id, string Question);

/// <summary>What publishing terms or saving questions came to.</summary>
public abstract record SelfServiceResult
{
    public sealed record Done : SelfServiceResult;
    public sealed record VersionTaken(string Version) : SelfServiceResult;
    public sealed record Invalid(string Message) : SelfServiceResult;
}

/// <summary>The active terms and the predefined security questions, as the sign-on nodes read them.</summary>
public interface ISelfServiceContent
{
    /// <summary>The active terms; null when none is active.</summary>
    ValueTask<TermsVersion?> GetActiveTermsAsync(CancellationToken cancellationToken);

    /// <summary>The predefined security questions, in the admin's order.</summary>
    ValueTask<IReadOnlyList<KbaQuestion>> GetQuestionsAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Terms and conditions (versioned: publishing adds a version and makes it the active one; old versions stay, since users
/// accepted them) and the predefined KBA questions. Admin changes are audited.
/// </summary>
public sealed class SelfServiceStore(IDbContextFactory<JourneyStudioDbContext> contextFactory, TimeProvider time, IAuditLog audit) : ISelfServiceContent
{
    private const string TermsScope = "terms";

    public async ValueTask<TermsVersion?> GetActiveTermsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var active = await db.Set<TermsVersionRecord>().AsNoTracking().Where(t => t.IsActive).FirstOrDefaultAsync(cancellationToken);
        return active is null ? null : ToVersion(active);
    }

    /// <summary>Every version, newest first.</summary>
    public async Task<IReadOnlyList<TermsVersion>> ListTermsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var all = await db.Set<TermsVersionRecord>().AsNoTracking().OrderByDescending(t => t.Id).ToListAsync(cancellationToken);
        return all.Select(ToVersion).ToList();
    }

    /// <summary>Adds a version of the terms and makes it the active one; a version label may be used once.</summary>
    public async Task<SelfServiceResult> PublishTermsAsync(string version, string terms, AuditActor actor, CancellationToken cancellationToken = default)
    {
        version = version.Trim();
        if (SelfServiceRules.ValidateTerms(version, terms) is { } problem) return new SelfServiceResult.Invalid(problem);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using (var transaction = await db.BeginSerializedTransactionAsync(TermsScope, cancellationToken))
        {
            var versions = db.Set<TermsVersionRecord>();
            if (await versions.AnyAsync(t => t.Version == version, cancellationToken)) return new SelfServiceResult.VersionTaken(version);
            await versions.Where(t => t.IsActive).ExecuteUpdateAsync(s => s.SetProperty(t => t.IsActive, false), cancellationToken);
            versions.Add(new TermsVersionRecord { Version = version, Terms = terms, CreatedAt = time.GetUtcNow(), CreatedBy = actor.SavedBy, IsActive = true });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        await audit.RecordAsync(Event(AuditActions.TermsPublish, actor, version, $"Published terms version {version}."), cancellationToken);
        return new SelfServiceResult.Done();
    }

    public async ValueTask<IReadOnlyList<KbaQuestion>> GetQuestionsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var all = await db.Set<KbaQuestionRecord>().AsNoTracking().OrderBy(q => q.Position).ThenBy(q => q.Id).ToListAsync(cancellationToken);
        return all.Select(q => new KbaQuestion(q.QuestionId, q.Question)).ToList();
    }

    /// <summary>
    /// Replaces the predefined questions. Ids of questions users may have answered stay meaningful: a kept id keeps its
    /// question (its text may be corrected), and a removed id is not reused for another question in the same save.
    /// </summary>
    public async Task<SelfServiceResult> SaveQuestionsAsync(IReadOnlyList<KbaQuestion> questions, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var trimmed = questions.Select(q => new KbaQuestion(q.Id.Trim(), q.Question.Trim())).ToList();
        if (SelfServiceRules.ValidateQuestions(trimmed) is { } problem) return new SelfServiceResult.Invalid(problem);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using (var transaction = await db.BeginSerializedTransactionAsync(TermsScope, cancellationToken))
        {
            var stored = await db.Set<KbaQuestionRecord>().ToListAsync(cancellationToken);
            db.RemoveRange(stored.Where(s => trimmed.All(q => q.Id != s.QuestionId)));
            for (var i = 0; i < trimmed.Count; i++)
            {
                if (stored.FirstOrDefault(s => s.QuestionId == trimmed[i].Id) is { } existing)
                {
                    existing.Question = trimmed[i].Question;
                    existing.Position = i;
                }
                else db.Add(new KbaQuestionRecord { QuestionId = trimmed[i].Id, Question = trimmed[i].Question, Position = i });
            }
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        await audit.RecordAsync(Event(AuditActions.KbaQuestionsSave, actor, null, $"Saved {trimmed.Count} security question(s)."), cancellationToken);
        return new SelfServiceResult.Done();
    }

    private static TermsVersion ToVersion(TermsVersionRecord t) => new(t.Version, t.Terms, t.CreatedAt, t.CreatedBy, t.IsActive);

    private static AuditEvent Event(string action, AuditActor actor, string? target, string detail) => new()
    {
        Action = action, Actor = actor.Name, Channel = actor.Channel, RemoteAddress = actor.RemoteAddress, Target = target, Detail = detail,
    };
}

/// <summary>What valid terms and questions look like; each rule answers with a message an admin can act on.</summary>
public static class SelfServiceRules
{
    public const int MaxVersionLength = 50;
    public const int MaxTermsLength = 100_000;
    public const int MaxQuestionIdLength = 50;
    public const int MaxQuestionLength = 500;

    public static string? ValidateTerms(string version, string terms)
    {
        if (string.IsNullOrWhiteSpace(version)) return "The version is required.";
        if (version.Length > MaxVersionLength) return $"The version must be at most {MaxVersionLength} characters.";
        if (version.Any(char.IsControl)) return "The version must not contain control characters.";
        if (string.IsNullOrWhiteSpace(terms)) return "The terms text is required.";
        if (terms.Length > MaxTermsLength) return $"The terms must be at most {MaxTermsLength} characters.";
        return null;
    }

    public static string? ValidateQuestions(IReadOnlyList<KbaQuestion> questions)
    {
        foreach (var q in questions)
        {
            if (q.Id.Length == 0) return "Every question needs an id.";
            if (q.Id.Length > MaxQuestionIdLength || q.Id.Any(char.IsControl)) return $"Question id '{q.Id}' must be at most {MaxQuestionIdLength} printable characters.";
            if (q.Question.Length == 0) return $"Question {q.Id} has no text.";
            if (q.Question.Length > MaxQuestionLength) return $"Question {q.Id} must be at most {MaxQuestionLength} characters.";
        }
        if (questions.Select(q => q.Id).Distinct(StringComparer.Ordinal).Count() != questions.Count) return "Each question id may be used once.";
        if (questions.Select(q => q.Question).Distinct(StringComparer.OrdinalIgnoreCase).Count() != questions.Count) return "Each question may be listed once.";
        return null;
    }
}
