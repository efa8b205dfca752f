using JourneyStudio.Runtime.Persistence;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Net;
using System.Text.Json.Nodes;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Runtime.Identities;
using JourneyStudio.Runtime.Sessions;
using JourneyStudio.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace JourneyStudio.Web.Tests.EndToEnd;

/// <summary>
/// The end-to-end studio (shipped journeys, adjustable clock) plus journeys without a password node and a lockout
/// the tests control, standing in for the brute-force protector through the same <see cref="IAccountLockout"/>.
/// </summary>
public class AccountStateServer : EndToEndServer
{
    /// <summary>The same studio on a fresh PostgreSQL database.</summary>
    public new sealed class OnPostgres : AccountStateServer
    {
        protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
    }

    /// <summary>Username Collector → Success: no password, no MFA.</summary>
    public const string UsernameOnly = "Test Username Only";

    /// <summary><see cref="UsernameOnly"/> with the journey setting <c>noSession</c>.</summary>
    public const string UsernameOnlyNoSession = "Test Username Only Without Session";

    /// <summary>Start wired straight to Success: it never sets a username.</summary>
    public const string Anonymous = "Test Anonymous Success";

    public TestAccountLockout Lockout => Server.Services.GetRequiredService<TestAccountLockout>();

    /// <summary>The named reasons of the refused sign-ons the runtime logged, in order.</summary>
    public RefusalLog Refusals { get; } = new();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SignOnJourneys.CreateAsync(Server, SignOnJourneys.PlainJourney());
        await SignOnJourneys.CreateAsync(Server, UsernameOnlyJourney(UsernameOnly));
        await SignOnJourneys.CreateAsync(Server, UsernameOnlyJourney(UsernameOnlyNoSession) with { Settings = new JourneySettings { NoSession = true } });
        await SignOnJourneys.CreateAsync(Server, new Journey { Name = Anonymous, EntryNodeId = StaticNodeIds.Success });
    }

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<TestAccountLockout>();
        services.AddSingleton<IAccountLockout>(provider => provider.GetRequiredService<TestAccountLockout>());
        services.AddSingleton<ILoggerProvider>(Refusals);
    }

    public async Task DisableAsync(string username) =>
        Assert.Equal(HttpStatusCode.OK, (await AdminAsync(HttpMethod.Put, "identities/" + username, new JsonObject { ["active"] = false })).Status);

    public async Task DeleteAsync(string username) =>
        Assert.Equal(HttpStatusCode.NoContent, (await AdminAsync(HttpMethod.Delete, "identities/" + username)).Status);

    private static Journey UsernameOnlyJourney(string name) => new()
    {
        Name = name,
        EntryNodeId = "user",
        Nodes =
        [
            new JourneyNode
            {
                Id = "user", NodeType = NodeTypeIds.UsernameCollector, DisplayName = "Username",
                Connections = ImmutableDictionary<string, string>.Empty.Add("outcome", StaticNodeIds.Success),
            },
        ],
    };
}

/// <summary>
/// A lockout the tests set, doing what the brute-force protector does when it locks someone: remember it and end the
/// user's sessions through <see cref="UserSessionStore.EndAllForUserAsync(string, CancellationToken)"/>.
/// </summary>
public sealed class TestAccountLockout(UserSessionStore sessions) : IAccountLockout
{
    private readonly ConcurrentDictionary<string, bool> _locked = new(StringComparer.OrdinalIgnoreCase);

    public async Task LockAsync(string username)
    {
        _locked[username] = true;
        await sessions.EndAllForUserAsync(username);
    }

    public ValueTask<bool> IsLockedAsync(string username, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_locked.ContainsKey(username));
}

/// <summary>Collects the <see cref="SignOnRefusal"/> of every "sign-on refused" log entry (its structured Reason field).</summary>
public sealed class RefusalLog : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Journey, SignOnRefusal Reason)> _entries = new();

    public IReadOnlyList<(string Journey, SignOnRefusal Reason)> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) =>
        categoryName == typeof(JourneySessionRunner).FullName ? new Recorder(this) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public void Dispose() { }

    private sealed class Recorder(RefusalLog log) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (state is not IReadOnlyList<KeyValuePair<string, object?>> fields) return;
            if (fields.FirstOrDefault(f => f.Key == "Reason").Value is SignOnRefusal reason)
                log._entries.Enqueue(((string)fields.First(f => f.Key == "Journey").Value!, reason));
        }
    }
}
