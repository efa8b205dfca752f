using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace JourneyStudio.Runtime.Sessions;

/// <summary>A sign-on as loaded from the store.</summary>
public sealed record JourneySession(
    string Id,
    int Step,
    JourneySessionState State,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset MaxExpiresAt)
{
    public JourneySessionStatus Status => EndedBy is null ? State.Status : JourneySessionStatus.Failed;

    /// <summary>Set when an account change ended the sign-on (<see cref="UserSessionStore.EndAllForUserAsync(string, SignOnRefusal, CancellationToken)"/>).</summary>
    public SignOnRefusal? EndedBy { get; init; }

    /// <summary>
    /// The journey's row now (enabled, name, realm default: whatever the pinned revision says), as read by
    /// <see cref="JourneySessionStore.GetAsync"/> in the same query as the session, so that the pinned revision comes from
    /// the <see cref="JourneyRevisionCache"/> without another read; null when no journey has that name any more, or when
    /// the session was not loaded by GetAsync.
    /// </summary>
    public JourneyHead? Journey { get; init; }

    /// <summary>Whether the journey is enabled now (<see cref="Journey"/>); null when it is not known.</summary>
    public bool? JourneyEnabled => Journey?.Enabled;

    /// <summary>In progress and past its idle or maximum limit.</summary>
    public bool IsTimedOut(DateTimeOffset now) => Status == JourneySessionStatus.InProgress && now >= ExpiresAt;
}

/// <summary>One recent sign-on, for the designer's path highlight.</summary>
public sealed record JourneySessionSummary(
    string SessionId,
    DateTimeOffset StartedAt,
    JourneySessionStatus Status,
    int Revision,
    IReadOnlyList<VisitedNode> VisitedPath,
    string? FailureReason = null);

/// <summary>
/// Sign-ons in progress (and recently ended), kept in the database so that they survive restarts and
/// never travel to the client. Every step moves <see cref="JourneySessionRecord.Step"/> on with a compare-and-set, so of
/// a step submitted twice at the same time one is stored: either when its new state is saved
/// (<see cref="TrySaveUnclaimedStepAsync"/>, one write) or, for a step with effects outside the session, before they
/// happen (<see cref="TryClaimStepAsync"/>, then <see cref="SaveStepAsync"/>). Registered with the
/// <see cref="SignOnDbContextFactory"/>: its writes do not wait for the disk (<see cref="WriteDurability.SignOn"/>).
/// </summary>
public sealed class JourneySessionStore(
    IDbContextFactory<JourneyStudioDbContext> contextFactory,
    IOptions<JourneySessionOptions> options,
    TimeProvider time)
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private JourneySessionOptions Options => options.Value;

    /// <summary>A new random sign-on id (32 hex digits), for a caller that needs the id before the sign-on is stored.</summary>
    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>
    /// Stores a new sign-on at step 1. <paramref name="maximumDurationMinutes"/> (the journey's setting)
    /// overrides <see cref="JourneySessionOptions.MaxDuration"/>; <paramref name="id"/> (from <see cref="NewId"/>) defaults to a new one.
    /// </summary>
    public async Task<JourneySession> CreateAsync(JourneySessionState state, int? maximumDurationMinutes = null, CancellationToken cancellationToken = default,
        string? id = null, int? journeyId = null, StepTrace? trace = null)
    {
        var now = time.GetUtcNow();
        var maxDuration = maximumDurationMinutes is > 0 ? TimeSpan.FromMinutes(maximumDurationMinutes.Value) : Options.MaxDuration;
        var record = new JourneySessionRecord
        {
            Id = id ?? NewId(),
            JourneyId = journeyId,
            JourneyName = state.JourneyName,
            Revision = state.Revision,
            Realm = state.Realm,
            Step = 1,
            CreatedAt = now,
            MaxExpiresAt = now + maxDuration,
            StateJson = "",
            CallbacksJson = "",
            VisitedPathJson = "",
            TraceJson = TraceLine(trace, 1),
        };
        Apply(record, state, now);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        db.Set<JourneySessionRecord>().Add(record);
        await db.SaveChangesAsync(cancellationToken);
        return ToSession(record);
    }

    /// <summary>
    /// The sign-on with this id, or null when there is none (never was, or purged), with its journey's row
    /// (<see cref="JourneySession.Journey"/>) read in the same query (no journey content is read or parsed).
    /// </summary>
    public async Task<JourneySession?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var found = await _sessionWithJourney(db, id);
        return found is null ? null : ToSession(found.Session) with { Journey = found.Journey };
    }

    private sealed record SessionRow(JourneySessionRecord Session, JourneyHead? Journey);

    // Compiled once per store: the query every step starts with skips EF's per-call translation-cache lookup. Not static:
    // a compiled query belongs to one model, and hosts on SQLite and PostgreSQL may share a process (the tests do).
    private readonly Func<JourneyStudioDbContext, string, Task<SessionRow?>> _sessionWithJourney = EF.CompileAsyncQuery(
        (JourneyStudioDbContext db, string id) => (
                from session in db.Set<JourneySessionRecord>().AsNoTracking()
                where session.Id == id
                join journey in db.Journeys on session.JourneyName equals journey.Name into journeys
                from journey in journeys.DefaultIfEmpty()
                select new SessionRow(
                    session,
                    journey == null
                        ? null
                        : new JourneyHead(journey.Id, journey.CreatedAt, journey.Name, journey.Enabled, journey.IsRealmDefault, journey.LiveRevision, journey.CurrentRevision)))
            .SingleOrDefault());

    /// <summary>
    /// Claims <paramref name="step"/> for processing: moves the session to step + 1 if it is still at
    /// <paramref name="step"/>, in progress and not timed out. False when another request got there first
    /// (or the session ended or expired meanwhile); the caller must then not run the step.
    /// </summary>
    public async Task<bool> TryClaimStepAsync(string id, int step, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var claimed = await db.Set<JourneySessionRecord>()
            .Where(s => s.Id == id && s.Step == step && s.Status == JourneySessionStatus.InProgress && s.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Step, step + 1).SetProperty(r => r.UpdatedAt, now), cancellationToken);
        return claimed == 1;
    }

    /// <summary>Gives a claimed step back when running it failed unexpectedly, so the client can submit it again.</summary>
    public async Task ReleaseClaimAsync(string id, int step, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.Set<JourneySessionRecord>().Where(s => s.Id == id && s.Step == step + 1)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Step, step), cancellationToken);
    }

    /// <summary>
    /// Stores the state a claimed step produced; <paramref name="claimed"/> is the session as read before
    /// <see cref="TryClaimStepAsync"/>, which stays at the claimed step + 1. One UPDATE, no second read of the row,
    /// unless an account change ended the sign-on while the step ran: then nothing is written and the ended session
    /// comes back (with <see cref="JourneySession.EndedBy"/> set).
    /// </summary>
    public async Task<JourneySession> SaveStepAsync(JourneySession claimed, JourneySessionState state, CancellationToken cancellationToken = default,
        StepTrace? trace = null)
    {
        var record = NextRecord(claimed, state, trace);
        var (id, next) = (record.Id, record.Step);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var updated = await WriteStateAsync(db.Set<JourneySessionRecord>().Where(s => s.Id == id && s.Step == next && s.EndedBy == null),
            record, step: false, cancellationToken);
        if (updated != 1 && await db.Set<JourneySessionRecord>().AsNoTracking().SingleOrDefaultAsync(
                s => s.Id == record.Id && s.Step == record.Step && s.EndedBy != null, cancellationToken) is { } ended)
            return ToSession(ended);
        if (updated != 1)
            throw new InvalidOperationException($"Journey session {claimed.Id} is no longer at step {record.Step}; the step was not claimed.");
        return ToSession(record);
    }

    /// <summary>
    /// Stores the state a step produced without having claimed it (nothing it did reached beyond the session), as one
    /// compare-and-set: the session moves from <paramref name="read"/>'s step to the next only if it is still at that step,
    /// in progress, not ended by an account change and not timed out. Null when it is not (another submission of the step
    /// was stored first, or the sign-on ended or expired meanwhile): then nothing is written and this run's result must be dropped.
    /// </summary>
    public async Task<JourneySession?> TrySaveUnclaimedStepAsync(JourneySession read, JourneySessionState state, CancellationToken cancellationToken = default,
        StepTrace? trace = null)
    {
        var record = NextRecord(read, state, trace);
        var (id, step, now) = (read.Id, read.Step, record.UpdatedAt);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var updated = await WriteStateAsync(db.Set<JourneySessionRecord>()
            .Where(s => s.Id == id && s.Step == step && s.Status == JourneySessionStatus.InProgress && s.EndedBy == null && s.ExpiresAt > now),
            record, step: true, cancellationToken);
        return updated == 1 ? ToSession(record) : null;
    }

    /// <summary>The row a step moves <paramref name="read"/> to: the next step, with <paramref name="state"/>.</summary>
    private JourneySessionRecord NextRecord(JourneySession read, JourneySessionState state, StepTrace? trace)
    {
        var record = new JourneySessionRecord
        {
            Id = read.Id, JourneyName = state.JourneyName, Revision = state.Revision, Realm = state.Realm,
            Step = read.Step + 1, CreatedAt = read.CreatedAt, MaxExpiresAt = read.MaxExpiresAt,
            StateJson = "", CallbacksJson = "", VisitedPathJson = "",
            // Only the line this step adds: the UPDATE appends it to the stored trace.
            TraceJson = TraceLine(trace, read.Step + 1),
        };
        Apply(record, state, time.GetUtcNow());
        return record;
    }

    /// <summary>
    /// Writes <paramref name="record"/>'s state to the rows of <paramref name="rows"/>, and its step when <paramref name="step"/>.
    /// The setters are expression lambdas over plain locals: EF turns those into parameters of one cached statement, where
    /// the non-expression setter form (or values read through member chains) costs compiling an expression on every call.
    /// </summary>
    private static Task<int> WriteStateAsync(IQueryable<JourneySessionRecord> rows, JourneySessionRecord record, bool step, CancellationToken cancellationToken)
    {
        var (status, username, stateJson, callbacksJson, visitedPathJson, updatedAt, expiresAt, next) =
            (record.Status, record.Username, record.StateJson, record.CallbacksJson, record.VisitedPathJson, record.UpdatedAt, record.ExpiresAt, record.Step);
        var failureReason = record.FailureReason;
        var traceLine = record.TraceJson;
        return step
            ? rows.ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Step, next)
                .SetProperty(r => r.Status, status)
                .SetProperty(r => r.Username, username)
                .SetProperty(r => r.StateJson, stateJson)
                .SetProperty(r => r.CallbacksJson, callbacksJson)
                .SetProperty(r => r.VisitedPathJson, visitedPathJson)
                .SetProperty(r => r.TraceJson, r => r.TraceJson + traceLine)
                .SetProperty(r => r.FailureReason, failureReason)
                .SetProperty(r => r.UpdatedAt, updatedAt)
                .SetProperty(r => r.ExpiresAt, expiresAt), cancellationToken)
            : rows.ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, status)
                .SetProperty(r => r.Username, username)
                .SetProperty(r => r.StateJson, stateJson)
                .SetProperty(r => r.CallbacksJson, callbacksJson)
                .SetProperty(r => r.VisitedPathJson, visitedPathJson)
                .SetProperty(r => r.TraceJson, r => r.TraceJson + traceLine)
                .SetProperty(r => r.FailureReason, failureReason)
                .SetProperty(r => r.UpdatedAt, updatedAt)
                .SetProperty(r => r.ExpiresAt, expiresAt), cancellationToken);
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<JourneySessionRecord>().Where(s => s.Id == id).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    /// <summary>Deletes sign-ons past their limit (timed out, or ended longer ago than the retention).</summary>
    public async Task<int> PurgeExpiredAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<JourneySessionRecord>().Where(s => s.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>The latest sign-ons through <paramref name="journeyName"/>, newest first.</summary>
    public async Task<IReadOnlyList<JourneySessionSummary>> ListRecentAsync(string journeyName, int take = 20, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(journeyName);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<JourneySessionRecord>().AsNoTracking()
            .Where(s => s.JourneyName == journeyName)
            .OrderByDescending(s => s.CreatedAt)
            .Take(Math.Clamp(take, 1, 500))
            .Select(s => new { s.Id, s.CreatedAt, s.Status, s.Revision, s.VisitedPathJson, s.FailureReason })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new JourneySessionSummary(r.Id, r.CreatedAt, r.Status, r.Revision,
            JsonSerializer.Deserialize<List<VisitedNode>>(r.VisitedPathJson, JsonOptions) ?? [], r.FailureReason)).ToList();
    }

    /// <summary>
    /// The designer's recent runs of the journey whose row has id <paramref name="journeyId"/>, newest first. A run is
    /// listed once it did something: a sign-on still waiting for its first answer (a preview page just opened) is not.
    /// </summary>
    public async Task<IReadOnlyList<JourneySessionSummary>> ListRunsAsync(int journeyId, int take = 20, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<JourneySessionRecord>().AsNoTracking()
            .Where(s => s.JourneyId == journeyId && !(s.Status == JourneySessionStatus.InProgress && s.Step == 1))
            .OrderByDescending(s => s.CreatedAt)
            .Take(Math.Clamp(take, 1, 500))
            .Select(s => new { s.Id, s.CreatedAt, s.Status, s.Revision, s.VisitedPathJson, s.FailureReason })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new JourneySessionSummary(r.Id, r.CreatedAt, r.Status, r.Revision,
            JsonSerializer.Deserialize<List<VisitedNode>>(r.VisitedPathJson, JsonOptions) ?? [], r.FailureReason)).ToList();
    }

    /// <summary>The recorded steps of run <paramref name="sessionId"/> of journey <paramref name="journeyId"/>; null when it has no such run.</summary>
    public async Task<IReadOnlyList<StepTrace>?> GetTraceAsync(int journeyId, string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var trace = await db.Set<JourneySessionRecord>().AsNoTracking()
            .Where(s => s.Id == sessionId && s.JourneyId == journeyId)
            .Select(s => s.TraceJson)
            .SingleOrDefaultAsync(cancellationToken);
        return trace?.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonSerializer.Deserialize<StepTrace>(line, TraceJsonOptions)!)
            .ToList();
    }

    private static readonly JsonSerializerOptions TraceJsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    /// <summary>The line a step adds to <see cref="JourneySessionRecord.TraceJson"/>: none past <see cref="StepTrace.MaxSteps"/>, so a trace stays bounded.</summary>
    private static string TraceLine(StepTrace? trace, int step) =>
        trace is null || step > StepTrace.MaxSteps ? "" : JsonSerializer.Serialize(trace, TraceJsonOptions) + "\n";

    /// <summary>The longest failure reason a record keeps (<see cref="JourneySessionRecord.FailureReason"/>).</summary>
    public const int MaxFailureReasonLength = 2000;

    private void Apply(JourneySessionRecord record, JourneySessionState state, DateTimeOffset now)
    {
        record.Status = state.Status;
        record.Username = state.SharedState[SharedStateKeys.Username] is JsonValue value && value.TryGetValue<string>(out var username)
            && username.Length > 0 ? username : null;
        record.StateJson = state.ToJson();
        record.CallbacksJson = JsonSerializer.Serialize(state.PendingCallbacks, JsonOptions);
        record.VisitedPathJson = JsonSerializer.Serialize(state.VisitedPath, JsonOptions);
        record.FailureReason = state.FailureReason is { } reason && reason.Length > MaxFailureReasonLength ? reason[..MaxFailureReasonLength] : state.FailureReason;
        record.UpdatedAt = now;
        // A suspended sign-on waits for its resume link as long as the link lives, within the sign-on's maximum duration.
        var idleUntil = state.SuspendedUntil is { } suspendedUntil && suspendedUntil > now + Options.IdleTimeout ? suspendedUntil : now + Options.IdleTimeout;
        record.ExpiresAt = state.Status == JourneySessionStatus.InProgress
            ? Min(idleUntil, record.MaxExpiresAt)
            : now + Options.FinishedRetention;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static JourneySession ToSession(JourneySessionRecord record) =>
        new(record.Id, record.Step, JourneySessionState.FromJson(record.StateJson), record.CreatedAt, record.ExpiresAt, record.MaxExpiresAt)
        {
            EndedBy = record.EndedBy,
        };
}
