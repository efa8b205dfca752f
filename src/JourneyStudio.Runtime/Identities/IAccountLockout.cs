namespace JourneyStudio.Runtime.Identities;

/// <summary>
/// Whether an identity is temporarily locked out by the brute-force protector. Session creation and every
/// check that trusts a session ask this, whatever nodes a journey ran.
/// </summary>
public interface IAccountLockout
{
    ValueTask<bool> IsLockedAsync(string username, CancellationToken cancellationToken = default);
}

/// <summary>Placeholder until the brute-force protector is registered: nobody is ever locked.</summary>
public sealed class NoAccountLockout : IAccountLockout
{
    public ValueTask<bool> IsLockedAsync(string username, CancellationToken cancellationToken = default) => ValueTask.FromResult(false);
}
