using System.Text.Json;
using JourneyStudio.Runtime.BruteForce;
using JourneyStudio.Runtime.Callbacks;
using JourneyStudio.Runtime.Diagnostics;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Identities;
using JourneyStudio.Runtime.Persistence;
using Microsoft.Extensions.Logging;

namespace JourneyStudio.Runtime.Sessions;

/// <summary>
/// The server side of AM's <c>authenticate</c> protocol: starts a journey, keeps its session in the
/// database, and continues it only from the latest step the client was given.
/// </summary>
/// <remarks>
/// A step costs one read (the session joined with its journey's row; the pinned revision comes parsed from the
/// <see cref="JourneyRevisionCache"/>) and one write: the compare-and-set that stores the new state. "The same step
/// submitted twice at once runs once" rests on that compare-and-set: of the concurrent submissions, one is stored and
/// the others are answered as stale. That alone is not enough for effects outside the session (a push sent, a guess
/// counted, a user session created): a losing submission would already have caused them. So the step is claimed (a
/// separate compare-and-set, <see cref="JourneySessionStore.TryClaimStepAsync"/>) before the first such effect: the
/// engine claims before any node that is not an <see cref="IOptimisticNodeProcessor"/> and before completion handlers,
/// an optimistic node before its own effects, and this runner before it admits a success (creates a user session).
/// Steps that only collect input or wait never claim and stay at one write; the others pay a second one.
/// </remarks>
public sealed partial class JourneySessionRunner(
    JourneyEngine engine,
    JourneyStore journeys,
    JourneySessionStore sessions,
    UserSessionStore userSessions,
    IAccountLockout lockout,
    AuthIdProtector authIds,
    ICredentialGuard credentialGuard,
    PreviewLinks previewLinks,
    Email.SuspendedSignOnStore suspensions,
    TimeProvider time,
    JourneyStudioMetrics metrics,
    ILogger<JourneySessionRunner> logger)
{
    public const string TimedOutMessage = "Session has timed out";

    public const string StaleStepMessage =
        "This authId is for a step that was already answered; only the latest step of a sign-on can be submitted. Continue with the latest response, or start again.";

    public const string InvalidAuthIdMessage = "The authId is not valid: it was not issued by this server, or it was altered.";

    public const string EndedMessage = "This sign-on has already ended; start a new one.";

    /// <summary>
    /// Starts <paramref name="journeyName"/>, or the realm's default journey when it is null, in <paramref name="realm"/>.
    /// </summary>
    public async Task<AuthenticateOutcome> StartAsync(string? journeyName, string realm, JourneyRequestInfo request, CancellationToken cancellationToken)
    {
        // The store's lookups answer the live revision: without a preview link nothing runs a draft.
        var stored = journeyName is null
            ? await journeys.GetRealmDefaultAsync(cancellationToken)
            : await journeys.GetAsync(journeyName, cancellationToken);
        return await StartAsync(stored, journeyName, realm, request, cancellationToken);
    }

    /// <summary>
    /// Starts the revision a preview link names (e.g. a draft) of <paramref name="journeyName"/>; the sign-on stays on that
    /// revision to its end. A link that is forged, expired or for another journey is refused and starts nothing.
    /// </summary>
    public async Task<AuthenticateOutcome> StartPreviewAsync(string previewToken, string? journeyName, string realm, JourneyRequestInfo request,
        CancellationToken cancellationToken)
    {
        if (!previewLinks.TryRead(previewToken, journeyName, out var grant, out var rejection))
            return Reject(journeyName, rejection == PreviewRejection.OtherJourney ? 400 : 403, rejection switch
            {
                PreviewRejection.Expired => PreviewExpiredMessage,
                PreviewRejection.OtherJourney => $"This preview link is for another journey than '{journeyName}'.",
                _ => PreviewInvalidMessage,
            });
        var stored = await journeys.GetRevisionAsync(grant!.JourneyName, grant.Revision, cancellationToken);
        return await StartAsync(stored, grant.JourneyName, realm, request, cancellationToken);
    }

    public const string PreviewExpiredMessage = "This preview link has expired; open Preview in the designer again for a new one.";

    public const string PreviewInvalidMessage = "This preview link is not valid: it was not issued by this server, or it was altered.";

    private async Task<AuthenticateOutcome> StartAsync(StoredJourney? stored, string? journeyName, string realm, JourneyRequestInfo request,
        CancellationToken cancellationToken)
    {
        if (stored is null)
            return Reject(journeyName ?? "(realm default)", 404, journeyName is null
                ? $"Realm '{realm}' has no default journey; name one with authIndexType=service&authIndexValue=NAME."
                : $"No journey named '{journeyName}' exists in realm '{realm}'.");
        var journey = stored.Journey;
        var resolved = new ResolvedJourney(journey, stored.Revision);
        if (!journey.Settings.Enabled)
            return Reject(journey.Name, 403, DisabledMessage(journey.Name));
        if (journey.Settings.InnerTreeOnly)
            return Reject(journey.Name, 403, $"Journey '{journey.Name}' can only run inside another journey (Inner Tree Evaluator), not on its own.");

        var startedAt = time.GetTimestamp();
        // The id exists before the first node runs, so everything the step logs carries it.
        var signOnId = JourneySessionStore.NewId();
        using var logScope = SignOnLogScope.BeginStep(logger, signOnId, journey.Name, realm);
        var result = await engine.StartAsync(resolved, realm, request with { SignOnId = signOnId }, cancellationToken);
        var admission = await AdmitAsync(result, journey.Settings.NoSession, cancellationToken);
        // Every run is stored, also one that ends at once, so the designer can show the path it took.
        var session = await sessions.CreateAsync(admission.Result.State, journey.Settings.MaximumSessionDurationMinutes, cancellationToken, signOnId,
            stored.JourneyId, admission.Result.Trace);
        metrics.SignOnStarted(journey.Name, realm);
        var outcome = Conclude(session, admission);
        metrics.StepCompleted(journey.Name, time.GetElapsedTime(startedAt));
        return outcome;
    }

    /// <summary>Continues the sign-on named by <paramref name="authId"/> with the submitted step <paramref name="body"/>.</summary>
    public async Task<AuthenticateOutcome> ContinueAsync(string authId, JsonElement body, string realm, JourneyRequestInfo request, CancellationToken cancellationToken)
    {
        var startedAt = time.GetTimestamp();
        if (!authIds.TryUnprotect(authId, out var sessionId, out var step))
            return Reject(null, 400, InvalidAuthIdMessage);

        var session = await sessions.GetAsync(sessionId, cancellationToken);
        using var logScope = SignOnLogScope.BeginStep(logger, sessionId, session?.State.JourneyName, realm);
        // A genuine authId whose session is gone was purged after timing out.
        if (session is null)
            return Reject(null, 401, TimedOutMessage);
        var journeyName = session.State.JourneyName;
        if (!string.Equals(session.State.Realm, realm, StringComparison.Ordinal))
            return Reject(journeyName, 400, $"This authId belongs to a sign-on in realm '{session.State.Realm}', not '{realm}'.");
        // Disabled, locked, deleted or given a new password since the last step: this sign-on is over, whatever comes next.
        if (session.EndedBy is { } endedBy)
            return Refuse(journeyName, realm, session.Id, endedBy);
        if (session.Status != JourneySessionStatus.InProgress)
            return Reject(journeyName, 401, EndedMessage);
        if (session.IsTimedOut(time.GetUtcNow()))
        {
            await sessions.DeleteAsync(session.Id, cancellationToken);
            return Reject(journeyName, 401, TimedOutMessage);
        }
        // The journey's setting now, not the pinned revision's: an admin who disables a journey stops its sign-ons.
        if (session.JourneyEnabled == false)
            return Reject(journeyName, 403, DisabledMessage(journeyName));
        // Replaying an older step would rerun its node, e.g. reset a retry counter kept in the session.
        if (step != session.Step)
            return Reject(journeyName, 401, StaleStepMessage);

        // A suspended sign-on goes on only through its resume link: the authId alone must not skip the email's proof.
        if (session.State.SuspendedUntil is not null)
            return Reject(journeyName, 400, SuspendedMessage);

        var parsed = StepSerializer.Parse(body, session.State.PendingCallbacks);
        if (!parsed.Succeeded)
            return Reject(journeyName, 400, parsed.Error!.Message);
        return await RunStepAsync(session, step, parsed.Callbacks!, realm, request, startedAt, cancellationToken);
    }

    public const string SuspendedMessage =
        "This sign-on is suspended until the link sent by email is opened; resume it with that link (suspendedId), not with the authId.";

    /// <summary>AM's answer to a resume link that is unknown, used or expired: one message for all, so a link reveals nothing.</summary>
    public const string ResumeRefusedMessage = "This link is not valid: it has expired or was already used. Start again.";

    /// <summary>
    /// Resumes the suspended sign-on a resume link (<paramref name="suspendedId"/>) names, from the node that suspended it.
    /// The link is used up by this call whatever follows; an unknown, used or expired one is refused (401) and changes nothing.
    /// The sign-on continues in its own realm (the link carries none).
    /// </summary>
    public async Task<AuthenticateOutcome> ResumeAsync(string suspendedId, JourneyRequestInfo request, CancellationToken cancellationToken)
    {
        var startedAt = time.GetTimestamp();
        var claim = await suspensions.ClaimAsync(suspendedId, cancellationToken);
        if (claim is not Email.SuspendedSignOnClaim.Resumable { SessionId: var sessionId })
        {
            var reason = ((Email.SuspendedSignOnClaim.Rejected)claim).Reason;
            LogResumeRefused(reason);
            return Reject(null, 401, ResumeRefusedMessage);
        }
        var session = await sessions.GetAsync(sessionId, cancellationToken);
        using var logScope = SignOnLogScope.BeginStep(logger, sessionId, session?.State.JourneyName, session?.State.Realm ?? "");
        if (session is null || session.IsTimedOut(time.GetUtcNow()))
            return Reject(session?.State.JourneyName, 401, ResumeRefusedMessage);
        var journeyName = session.State.JourneyName;
        if (session.EndedBy is { } endedBy)
            return Refuse(journeyName, session.State.Realm, session.Id, endedBy);
        if (session.Status != JourneySessionStatus.InProgress || session.State.SuspendedUntil is null)
            return Reject(journeyName, 401, ResumeRefusedMessage);
        if (session.JourneyEnabled == false)
            return Reject(journeyName, 403, DisabledMessage(journeyName));
        return await RunStepAsync(session, session.Step, session.State.PendingCallbacks, session.State.Realm,
            request with { ResumedFromSuspend = true }, startedAt, cancellationToken);
    }

    private async Task<AuthenticateOutcome> RunStepAsync(JourneySession session, int step, IReadOnlyList<Callback> submitted, string realm,
        JourneyRequestInfo request, long startedAt, CancellationToken cancellationToken)
    {
        var journeyName = session.State.JourneyName;
        // The pinned revision, parsed once per instance: the session's read brought the journey row along.
        var pinned = session.Journey is { } head ? await journeys.GetRevisionAsync(head, session.State.Revision, cancellationToken) : null;
        var claim = new SessionStepClaim(sessions, session.Id, step);
        JourneyRunResult result;
        try
        {
            result = await engine.ContinueAsync(session.State, pinned is null ? null : new ResolvedJourney(pinned.Journey, pinned.Revision),
                submitted, claim, request with { SignOnId = session.Id }, cancellationToken);
            // Admitting a success creates a user session: an effect outside this sign-on, so this submission must hold the step.
            if (result is JourneySuccess { Username.Length: > 0 } && pinned?.Journey.Settings.NoSession != true && !await claim.ClaimAsync(cancellationToken))
                throw new StepClaimLostException();
        }
        catch (StepClaimLostException)
        {
            return await LostRaceAsync(journeyName, realm, session.Id, cancellationToken);
        }
        catch when (claim.IsClaimed)
        {
            await sessions.ReleaseClaimAsync(session.Id, step, CancellationToken.None);
            throw;
        }
        var noSession = result is JourneySuccess && pinned?.Journey.Settings.NoSession == true;
        var admission = await AdmitAsync(result, noSession, cancellationToken);
        JourneySession saved;
        if (claim.IsClaimed)
        {
            saved = await sessions.SaveStepAsync(session, admission.Result.State, cancellationToken, admission.Result.Trace);
        }
        else if (await sessions.TrySaveUnclaimedStepAsync(session, admission.Result.State, cancellationToken, admission.Result.Trace) is { } stored)
        {
            saved = stored;
        }
        else
        {
            // Another submission of this step was stored first (or the sign-on ended meanwhile); this run changed nothing.
            return await LostRaceAsync(journeyName, realm, session.Id, cancellationToken);
        }
        if (saved.EndedBy is { } endedMeanwhile)
        {
            // The account changed while this step ran; a session made for it must not outlive the sign-on.
            if (admission.UserSession is { } orphan) await userSessions.DeleteAsync(orphan.TokenId, CancellationToken.None);
            return Refuse(journeyName, realm, session.Id, endedMeanwhile);
        }
        var outcome = Conclude(saved, admission);
        metrics.StepCompleted(journeyName, time.GetElapsedTime(startedAt));
        return outcome;
    }

    /// <summary>Why a submission that lost its step to another one (or to an account change, or the clock) is refused.</summary>
    private async Task<AuthenticateOutcome> LostRaceAsync(string journeyName, string realm, string sessionId, CancellationToken cancellationToken)
    {
        var now = await sessions.GetAsync(sessionId, cancellationToken);
        if (now?.EndedBy is { } ended) return Refuse(journeyName, realm, sessionId, ended);
        return Reject(journeyName, 401, now is null || now.IsTimedOut(time.GetUtcNow()) ? TimedOutMessage : StaleStepMessage);
    }

    /// <summary>The claim of one submitted step: the first <see cref="ClaimAsync"/> moves the session's step on, if nobody else did.</summary>
    private sealed class SessionStepClaim(JourneySessionStore sessions, string sessionId, int step) : IStepClaim
    {
        public bool IsClaimed { get; private set; }

        public async ValueTask<bool> ClaimAsync(CancellationToken cancellationToken) =>
            IsClaimed || (IsClaimed = await sessions.TryClaimStepAsync(sessionId, step, cancellationToken));
    }

    /// <summary>The message of a sign-on refused because its journey is disabled (at the start or at a later step).</summary>
    public static string DisabledMessage(string journeyName) => $"Journey '{journeyName}' is disabled.";

    /// <summary>
    /// A run and, when it reached Success, the user session it earned, or why it earned none (then the run is turned
    /// into a failure, which is how the sign-on is stored).
    /// </summary>
    private sealed record Admission(JourneyRunResult Result, NewUserSession? UserSession = null, SignOnRefusal? Refusal = null);

    /// <summary>
    /// Where every successful journey gets its session, whatever its nodes did: the username must name an active
    /// identity that is not locked. A journey with <c>noSession</c>, or one that set no username, gets no session
    /// and is not checked, since it hands out nothing that could later be trusted.
    /// </summary>
    private async Task<Admission> AdmitAsync(JourneyRunResult result, bool noSession, CancellationToken cancellationToken)
    {
        if (result is not JourneySuccess success || noSession || string.IsNullOrEmpty(success.Username))
            return new Admission(result);
        var state = result.State;
        var creation = await userSessions.CreateAsync(success.Username, state.Realm, state.JourneyName, success.AuthTypes, success.SessionProperties, cancellationToken);
        var refusal = (creation as UserSessionCreation.Refused)?.Reason;
        if (creation is UserSessionCreation.Created { Session: var created })
        {
            // Asked after the session exists: a lockout written meanwhile is either seen here, or was written
            // before the protector ended the user's sessions, this one included.
            if (!await lockout.IsLockedAsync(created.Session.Username, cancellationToken))
            {
                // A completed sign-on, not one passed check, resets the user's failed-guess count.
                await credentialGuard.SignedOnAsync(CredentialAudience.EndUser, created.Session.Username, cancellationToken);
                return new Admission(result, created);
            }
            await userSessions.DeleteAsync(created.TokenId, cancellationToken);
            refusal = SignOnRefusal.AccountLocked;
        }
        var refused = new JourneyFailure
        {
            State = state with { Status = JourneySessionStatus.Failed },
            Reason = $"No session for '{success.Username}': {refusal}.",
        };
        refused = refused with { Trace = result.Trace is { } trace ? trace with { Status = JourneySessionStatus.Failed, FailureReason = refused.Reason } : null };
        return new Admission(refused, Refusal: refusal);
    }

    private AuthenticateOutcome Conclude(JourneySession session, Admission admission)
    {
        var state = admission.Result.State;
        switch (admission.Result)
        {
            case JourneyStep step:
                return new AuthenticateOutcome.NextStep(authIds.Protect(session.Id, session.Step), step);
            case JourneySuccess success:
                metrics.SignOnSucceeded(state.JourneyName, state.Realm);
                if (admission.UserSession is not { } userSession)
                {
                    if (string.IsNullOrEmpty(success.Username)) LogSuccessWithoutUser(state.JourneyName);
                    return new AuthenticateOutcome.SignedOn(state.JourneyName, state.Realm, null, success.SuccessUrl);
                }
                LogSignedOn(state.JourneyName, userSession.Session.Username, session.Id);
                return new AuthenticateOutcome.SignedOn(state.JourneyName, state.Realm, userSession, success.SuccessUrl);
            case JourneyFailure when admission.Refusal is { } refusal:
                return Refuse(state.JourneyName, state.Realm, session.Id, refusal);
            case JourneyFailure failure:
                metrics.SignOnFailed(state.JourneyName, state.Realm);
                var lastNode = state.VisitedPath.Count > 0 ? state.VisitedPath[^1].NodeId : state.CurrentNodeId;
                LogSignOnFailed(state.JourneyName, lastNode, failure.Reason, session.Id);
                return new AuthenticateOutcome.Failed(state.JourneyName, failure.Reason, failure.ClientMessage);
            default:
                throw new InvalidOperationException($"Unexpected engine result {admission.Result.GetType().Name}.");
        }
    }

    private AuthenticateOutcome.Refused Refuse(string journeyName, string realm, string sessionId, SignOnRefusal reason)
    {
        metrics.SignOnFailed(journeyName, realm);
        LogRefused(journeyName, reason, sessionId);
        return new AuthenticateOutcome.Refused(journeyName, reason);
    }

    private AuthenticateOutcome.Rejected Reject(string? journeyName, int statusCode, string message)
    {
        LogRejected(journeyName ?? "(unknown)", statusCode, message);
        return new AuthenticateOutcome.Rejected(statusCode, message);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sign-on through journey {Journey} succeeded for {Username} (session {SessionId}).")]
    private partial void LogSignedOn(string journey, string username, string sessionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-on through journey {Journey} failed at node {NodeId}: {Reason} (session {SessionId}).")]
    private partial void LogSignOnFailed(string journey, string nodeId, string reason, string sessionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-on through journey {Journey} refused: {Reason} (session {SessionId}).")]
    private partial void LogRefused(string journey, SignOnRefusal reason, string sessionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Authenticate request for journey {Journey} refused with {StatusCode}: {Message}")]
    private partial void LogRejected(string journey, int statusCode, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Resume link refused: {Reason}.")]
    private partial void LogResumeRefused(Email.SuspendedSignOnRejection reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Journey {Journey} succeeded without setting a username, so no user session was created.")]
    private partial void LogSuccessWithoutUser(string journey);
}
