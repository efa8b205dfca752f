using JourneyStudio.Runtime.Engine;

namespace JourneyStudio.Runtime.Sessions;

/// <summary>What one <c>authenticate</c> request comes to; the web layer turns it into AM's JSON.</summary>
public abstract record AuthenticateOutcome
{
    private AuthenticateOutcome() { }

    /// <summary>The journey needs input: send <paramref name="Step"/> with <paramref name="AuthId"/>.</summary>
    public sealed record NextStep(string AuthId, JourneyStep Step) : AuthenticateOutcome;

    /// <summary>
    /// The journey succeeded. <paramref name="Session"/> is null when the journey has <c>noSession</c> or
    /// set no username; <paramref name="SuccessUrl"/> is the journey's own success URL (Success URL node), if any.
    /// </summary>
    public sealed record SignedOn(string JourneyName, string Realm, NewUserSession? Session, string? SuccessUrl = null) : AuthenticateOutcome;

    /// <summary>
    /// The journey reached Failure or could not go on; <paramref name="Reason"/> is for the log, not the client.
    /// <paramref name="ClientMessage"/> is what a node chose to tell the client (AM's <c>withErrorMessage</c>), null for AM's default.
    /// </summary>
    public sealed record Failed(string JourneyName, string Reason, string? ClientMessage = null) : AuthenticateOutcome;

    /// <summary>
    /// No session for this sign-on because of the account's state (<paramref name="Reason"/>), whatever the journey's
    /// nodes decided; answered exactly like <see cref="Failed"/>, so the client cannot tell the reasons apart.
    /// </summary>
    public sealed record Refused(string JourneyName, SignOnRefusal Reason) : AuthenticateOutcome;

    /// <summary>The request itself was refused (bad authId, old step, timeout, unknown journey...).</summary>
    public sealed record Rejected(int StatusCode, string Message) : AuthenticateOutcome;
}
