namespace JourneyStudio.Runtime.Engine;

/// <summary>
/// The right to make changes outside a sign-on's own state (send a push, count a failed guess, use up a recovery code,
/// create a user session) while one submitted step runs. Of several submissions of the same step, at most one gets
/// it, so such a change happens once; whatever ran before the claim changed only the run's own copy of the state,
/// which a submission that loses is simply not allowed to store.
/// </summary>
/// <remarks>
/// Why claim lazily: most steps (collectors, waits, the polls of a user waiting on push) change nothing outside the
/// session, and for them the compare-and-set that stores the new state is the only database write of the step. A
/// claim is a write of its own, so it is made only when a step is about to do more.
/// </remarks>
public interface IStepClaim
{
    bool IsClaimed { get; }

    /// <summary>Claims the step unless it is claimed already; false when another submission of it got there first.</summary>
    ValueTask<bool> ClaimAsync(CancellationToken cancellationToken);
}

/// <summary>A claim that is held from the start: runs outside a sign-on's session (tools, tests, a new sign-on nobody else can submit).</summary>
public sealed class HeldStepClaim : IStepClaim
{
    public static HeldStepClaim Instance { get; } = new();

    public bool IsClaimed => true;

    public ValueTask<bool> ClaimAsync(CancellationToken cancellationToken) => ValueTask.FromResult(true);
}

/// <summary>
/// A node processor that may run before its step is claimed: it changes nothing outside <see cref="NodeContext.SharedState"/>
/// and <see cref="NodeContext.TransientState"/>, or calls <see cref="NodeContext.ClaimStepAsync"/> before it does. The engine
/// claims the step before running any other processor, so a processor without this marker is always safe.
/// </summary>
public interface IOptimisticNodeProcessor : INodeProcessor;

/// <summary>
/// Another submission of the same step claimed it first: this one must change nothing and store nothing. Passes through
/// the engine (never turned into a node failure) to the caller that gave the claim.
/// </summary>
public sealed class StepClaimLostException() : Exception("Another submission of this step claimed it first.");
