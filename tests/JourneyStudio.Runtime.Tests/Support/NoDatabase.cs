using JourneyStudio.Runtime.Identities;
using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Runtime.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace JourneyStudio.Runtime.Tests.Support;

/// <summary>
/// A database factory for harnesses that run without one: a processor that reads the identity store fails the test with
/// this message instead of passing silently (tests that need identities use IdentityNodeTests' real SQLite file).
/// </summary>
public sealed class NoDatabase : IDbContextFactory<JourneyStudioDbContext>
{
    public JourneyStudioDbContext CreateDbContext() =>
        throw new InvalidOperationException("This harness has no database; use a test with a real SQLite file for identity lookups.");

    /// <summary>The IDM attribute accessor over no database.</summary>
    public static ManagedUserAttributes Users(TimeProvider time)
    {
        var factory = new NoDatabase();
        return new ManagedUserAttributes(new IdentityStore(factory, new BoundedPasswordHasher(1), time,
            new UserSessionStore(factory, Options.Create(new JourneySessionOptions()), time)));
    }
}
