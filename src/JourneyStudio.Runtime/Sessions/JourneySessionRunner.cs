using System.Text.Json;
using JourneyStudio.Runtime.BruteForce;
using JourneyStudio.Runtime.Callbacks;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Persistence;
using Microsoft.Extensions.Logging;

namespace JourneyStudio.Runtime.Sessions;

/// <summary>
/// The server side of AM's <c>authenticate</c> protocol: starts a journey, keeps its session in the
/// database, and continues it only from the latest step the client was given.
/// </summary>
public sealed partial class JourneySessionRunner(
    JourneyEngine engine,
    JourneyStore journeys,
    JourneySessionStore sessions,
    UserSessionStore userSessions,
    AuthIdProtector authIds,
    ICredentialGuard credentialGuard,
    TimeProvider time,
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
        var stored = journeyName is null
            ? await journeys.GetRealmDefaultAsync(cancellationToken)
            : await journeys.GetAsync(journeyName, cancellationToken);
        if (stored is null)
            return Reject(journeyName ?? "(realm default)", 404, journeyName is null
                ? $"Realm '{realm}' has no default journey; name one with authIndexType=service&authIndexValue=NAME."
                : $"No journey named '{journeyName}' exists in realm '{realm}'.");
        var journey = stored.Journey;
        if (!journey.Settings.Enabled)
            return Reject(journey.Name, 403, $"Journey '{journey.Name}' is disabled.");
        if (journey.Settings.InnerTreeOnly)
            return Reject(journey.Name, 403, $"Journey '{journey.Name}' can only run inside another journey (Inner Tree Evaluator), not on its own.");

        var result = await engine.StartAsync(journey.Name, realm, request, cancellationToken);
        // Every run is stored, also one that ends at once, so the designer can show the path it took.
        var session = await sessions.CreateAsync(result.State, journey.Settings.MaximumSessionDurationMinutes, cancellationToken);
        return await ConcludeAsync(session, result, journey.Settings.NoSession, cancellationToken);
    }

    /// <summary>Continues the sign-on named by <paramref name="authId"/> with the submitted step <paramref name="body"/>.</summary>
    public async Task<AuthenticateOutcome> ContinueAsync(string authId, JsonElement body, string realm, JourneyRequestInfo request, CancellationToken cancellationToken)
    {
        if (!authIds.TryUnprotect(authId, out var sessionId, out var step))
            return Reject(null, 400, InvalidAuthIdMessage);

        var session = await sessions.GetAsync(sessionId, cancellationToken);
        // A genuine authId whose session is gone was purged after timing out.
        if (session is null)
            return Reject(null, 401, TimedOutMessage);
        var journeyName = session.State.JourneyName;
        if (!string.Equals(session.State.Realm, realm, StringComparison.Ordinal))
            return Reject(journeyName, 400, $"This authId belongs to a sign-on in realm '{session.State.Realm}', not '{realm}'.");
        if (session.Status != JourneySessionStatus.InProgress)
            return Reject(journeyName, 401, EndedMessage);
        if (session.IsTimedOut(time.GetUtcNow()))
        {
            await sessions.DeleteAsync(session.Id, cancellationToken);
            return Reject(journeyName, 401, TimedOutMessage);
        }
        // Replaying an older step would rerun its node, e.g. reset a retry counter kept in the session.
        if (step != session.Step)
            return Reject(journeyName, 401, StaleStepMessage);

        var parsed = StepSerializer.Parse(body, session.State.PendingCallbacks);
        if (!parsed.Succeeded)
            return Reject(journeyName, 400, parsed.Error!.Message);

        // Two submissions of the same step at once: only the one that moves the step counter runs it.
        if (!await sessions.TryClaimStepAsync(session.Id, step, cancellationToken))
        {
            var now = await sessions.GetAsync(session.Id, cancellationToken);
            return Reject(journeyName, 401, now is null || now.IsTimedOut(time.GetUtcNow()) ? TimedOutMessage : StaleStepMessage);
        }

        JourneyRunResult result;
        try
        {
            result = await engine.ContinueAsync(session.State, parsed.Callbacks!, request, cancellationToken);
        }
        catch
        {
            await sessions.ReleaseClaimAsync(session.Id, step, CancellationToken.None);
            throw;
        }
        var saved = await sessions.SaveStepAsync(session, result.State, cancellationToken);
        // Only a success needs the journey's settings; a step or a failure skips reading the pinned revision again.
        var noSession = result is JourneySuccess
            && (await journeys.GetRevisionAsync(journeyName, session.State.Revision, cancellationToken))?.Journey.Settings.NoSession == true;
        return await ConcludeAsync(saved, result, noSession, cancellationToken);
    }

    private async Task<AuthenticateOutcome> ConcludeAsync(JourneySession session, JourneyRunResult result, bool noSession, CancellationToken cancellationToken)
    {
        var state = result.State;
        switch (result)
        {
            case JourneyStep step:
                return new AuthenticateOutcome.NextStep(authIds.Protect(session.Id, session.Step), step);
            case JourneySuccess success:
                if (noSession)
                    return new AuthenticateOutcome.SignedOn(state.JourneyName, state.Realm, null);
                if (string.IsNullOrEmpty(success.Username))
                {
                    LogSuccessWithoutUser(state.JourneyName);
                    return new AuthenticateOutcome.SignedOn(state.JourneyName, state.Realm, null);
                }
                var userSession = await userSessions.CreateAsync(success.Username, state.Realm, state.JourneyName, success.AuthTypes, cancellationToken);
                // A completed sign-on, not one passed check, resets the user's failed-guess count.
                await credentialGuard.SignedOnAsync(CredentialAudience.EndUser, success.Username, cancellationToken);
                LogSignedOn(state.JourneyName, success.Username, session.Id);
                return new AuthenticateOutcome.SignedOn(state.JourneyName, state.Realm, userSession);
            case JourneyFailure failure:
                var lastNode = state.VisitedPath.Count > 0 ? state.VisitedPath[^1].NodeId : state.CurrentNodeId;
                LogSignOnFailed(state.JourneyName, lastNode, failure.Reason, session.Id);
                return new AuthenticateOutcome.Failed(state.JourneyName, failure.Reason);
            default:
                throw new InvalidOperationException($"Unexpected engine result {result.GetType().Name}.");
        }
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Authenticate request for journey {Journey} refused with {StatusCode}: {Message}")]
    private partial void LogRejected(string journey, int statusCode, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Journey {Journey} succeeded without setting a username, so no user session was created.")]
    private partial void LogSuccessWithoutUser(string journey);
}
