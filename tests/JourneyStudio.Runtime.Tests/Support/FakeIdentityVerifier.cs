using JourneyStudio.Runtime.BruteForce;
using JourneyStudio.Runtime.Nodes;

namespace JourneyStudio.Runtime.Tests.Support;

public sealed class FakeIdentityVerifier : IIdentityVerifier
{
    public Dictionary<string, string> Passwords { get; } = new() { ["demo"] = "Ch4ng3it!" };

    public List<(string Realm, string Username)> Calls { get; } = [];

    /// <summary>When set, every check throws it (a store that is down).</summary>
    public Exception? Failure { get; set; }

    public ValueTask<CredentialVerdict> VerifyPasswordAsync(string realm, string username, string password, string? remoteAddress,
        CancellationToken cancellationToken)
    {
        Calls.Add((realm, username));
        if (Failure is not null) throw Failure;
        return ValueTask.FromResult(Passwords.TryGetValue(username, out var expected) && expected == password
            ? CredentialVerdict.Accepted
            : CredentialVerdict.Wrong);
    }
}
