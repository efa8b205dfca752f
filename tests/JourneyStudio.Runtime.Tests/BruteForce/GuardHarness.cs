using JourneyStudio.Runtime.BruteForce;
using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Runtime.Sessions;
using JourneyStudio.Runtime.Tests.Persistence;
using JourneyStudio.Runtime.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace JourneyStudio.Runtime.Tests.BruteForce;

/// <summary>The real <see cref="BruteForceProtector"/> on a real SQLite file with a manual clock, and a count of the checks it let run.</summary>
internal sealed class GuardHarness : IAsyncDisposable
{
    public const string Address = "203.0.113.7";

    private int _checks;

    private GuardHarness(TestDatabase db, BruteForceOptions options)
    {
        Db = db;
        Options = options;
        var contexts = db.Services.GetRequiredService<IDbContextFactory<JourneyStudioDbContext>>();
        Failures = new CredentialFailureStore(contexts);
        Sessions = new UserSessionStore(contexts, Microsoft.Extensions.Options.Options.Create(new JourneySessionOptions()), db.Clock);
        Guard = new BruteForceProtector(Failures, Microsoft.Extensions.Options.Options.Create(options), Sessions, Audit, db.Clock,
            NullLogger<BruteForceProtector>.Instance);
        Lockout = new BruteForceAccountLockout(Failures, Microsoft.Extensions.Options.Options.Create(options), db.Clock);
    }

    public TestDatabase Db { get; }
    public BruteForceOptions Options { get; }
    public CredentialFailureStore Failures { get; }
    public UserSessionStore Sessions { get; }
    public RecordingAuditLog Audit { get; } = new();
    public BruteForceProtector Guard { get; }
    public BruteForceAccountLockout Lockout { get; }
    public ManualClock Clock => Db.Clock;

    /// <summary>How many checks the guard actually ran (refused ones are not run).</summary>
    public int Checks => Volatile.Read(ref _checks);

    /// <summary>A user session of <paramref name="username"/>, creating the identity first when it is missing.</summary>
    public async Task<string> SignedOnAsync(string username, string realm = "alpha")
    {
        var identities = new JourneyStudio.Runtime.Identities.IdentityStore(
            Db.Services.GetRequiredService<IDbContextFactory<JourneyStudioDbContext>>(), new JourneyStudio.Runtime.Identities.BoundedPasswordHasher(1), Clock, Sessions);
        if (await identities.GetAsync(username) is null)
            await identities.CreateAsync(new JourneyStudio.Runtime.Identities.NewIdentity(username, "Password-for-" + username));
        var created = Assert.IsType<UserSessionCreation.Created>(await Sessions.CreateAsync(username, realm, "Login", []));
        return created.Session.TokenId;
    }

    public static async Task<GuardHarness> StartAsync(DatabaseProvider provider, Action<BruteForceOptions>? configure = null)
    {
        var options = new BruteForceOptions();
        configure?.Invoke(options);
        return new GuardHarness(await TestDatabase.StartAsync(provider), options);
    }

    /// <summary>One check of <paramref name="username"/>'s credential that is right or wrong.</summary>
    public Task<CredentialVerdict> TryAsync(string username, bool right, string? address = Address,
        CredentialAudience audience = CredentialAudience.EndUser, CredentialKind kind = CredentialKind.Password) =>
        Guard.CheckAsync(new CredentialAttempt(audience, kind, username, address), async _ =>
        {
            Interlocked.Increment(ref _checks);
            await Task.Yield();
            return right;
        });

    public async Task FailAsync(string username, int times, string? address = Address, CredentialAudience audience = CredentialAudience.EndUser)
    {
        for (var i = 0; i < times; i++) await TryAsync(username, right: false, address, audience);
    }

    public async Task<TimeSpan?> LockedForAsync(string username, CredentialAudience audience = CredentialAudience.EndUser) =>
        (await Failures.GetAsync(audience, username))?.LockedUntil is { } until && until > Clock.GetUtcNow() ? until - Clock.GetUtcNow() : null;

    public ValueTask DisposeAsync() => Db.DisposeAsync();
}
