namespace JourneyStudio.Runtime.Sessions;

/// <summary>
/// Why a sign-on gets no user session although its journey may have reached Success, or why a sign-on in
/// progress was ended. Checked where the session is made, whatever nodes the journey ran, so a journey without a
/// password node cannot sign on a disabled, locked or made-up user. Every value answers AM's login failure:
/// the client never learns which one applied.
/// </summary>
public enum SignOnRefusal
{
    /// <summary>The journey's username names no identity.</summary>
    NoSuchIdentity,

    /// <summary>The identity is inactive (disabled by an admin), or was disabled during the sign-on.</summary>
    AccountDisabled,

    /// <summary>The brute-force protector (<see cref="Identities.IAccountLockout"/>) has locked the identity.</summary>
    AccountLocked,

    /// <summary>The identity was deleted during the sign-on.</summary>
    AccountDeleted,

    /// <summary>The identity's password was changed or reset during the sign-on.</summary>
    PasswordChanged,
}
