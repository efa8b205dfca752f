using System.Collections.Concurrent;
using System.Data.Common;
using System.Net;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Runtime.BruteForce;
using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Testing;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyStudio.Web.Tests.Api;

/// <summary>
/// What a sign-on step costs the database, counted on the real program over HTTP: a step that only waits is one write
/// (on a connection that does not wait for the disk) and no journey parse; admin writes wait for the disk; the same step
/// submitted several times at once is still stored once, and effects outside the session (a counted guess) happen once.
/// </summary>
public sealed class StepCostTests : IAsyncLifetime
{
    private const string Waiting = "Test Cost Wait";

    private readonly CommandCounter _commands = new();
    private CountingCodec _codec = null!;
    private StudioServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = StudioServer.Start(
            // No purge during a counted step.
            new Dictionary<string, string?> { ["JourneyStudio:Sessions:PurgeInterval"] = "01:00:00" },
            configureServices: services =>
            {
                services.AddSingleton<IInterceptor>(_commands);
                services.AddSingleton<IJourneyCodec>(provider => _codec = new CountingCodec(new FrodoJourneyCodec(provider.GetRequiredService<NodeCatalog>())));
            });
        await SignOnJourneys.SeedAsync(_server, new Journey
        {
            Name = Waiting,
            EntryNodeId = "wait",
            Nodes =
            [
                new JourneyNode
                {
                    Id = "wait", NodeType = NodeTypeIds.PollingWait,
                    Config = NodeConfig.FromObject([KeyValuePair.Create<string, object?>("secondsToWait", 3600)]),
                    Connections = new Dictionary<string, string> { ["DONE"] = StaticNodeIds.Success },
                },
            ],
        });
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task PollingWaitResubmit_IsOneWriteThatDoesNotWaitForTheDisk_OneRead_AndNoJourneyParse()
    {
        using var client = new AmClient(_server);
        var step = await client.StartAsync(Waiting);
        step = await client.SubmitAsync(step.Body); // the revision is parsed (and cached) by now
        _commands.Reset();
        var parsesBefore = _codec.Parses;

        var next = await client.SubmitAsync(step.Body);

        Assert.Equal(HttpStatusCode.OK, next.Status);
        Assert.Equal("PollingWaitCallback", next.Body["callbacks"]![0]!["type"]!.GetValue<string>());
        var write = Assert.Single(_commands.Writes);
        Assert.Equal(CommandCounter.SynchronousNormal, write.Synchronous);
        Assert.Equal(1, _commands.Reads);
        Assert.Equal(parsesBefore, _codec.Parses);
    }

    [Fact]
    public async Task JourneySave_WaitsForTheDiskOnEveryWrite()
    {
        var store = _server.Services.GetRequiredService<JourneyStore>();
        var current = (await store.GetAsync(SignOnJourneys.PageWithRetry))!;
        _commands.Reset();

        var saved = await store.SaveAsync(current.Journey with { Description = "Saved durably" }, current.Revision, "tests");

        Assert.IsType<SaveResult.Saved>(saved);
        Assert.NotEmpty(_commands.Writes);
        Assert.All(_commands.Writes, w => Assert.Equal(CommandCounter.SynchronousFull, w.Synchronous));
    }

    [Fact]
    public async Task PollingWaitResubmittedSixTimesAtOnce_IsStoredOnce()
    {
        using var client = new AmClient(_server);
        var step = await client.StartAsync(Waiting);

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => client.SubmitAsync(step.Body)));

        Assert.Single(responses, r => r.Status == HttpStatusCode.OK);
        Assert.All(responses.Where(r => r.Status != HttpStatusCode.OK), r => AuthenticateErrorTests.AssertError(r, 401, "only the latest step"));
    }

    [Fact]
    public async Task WrongPasswordSubmittedSixTimesAtOnce_IsCheckedAndCountedOnce()
    {
        using var client = new AmClient(_server);
        var step = await client.StartAsync(SignOnJourneys.Plain);
        step = await client.SubmitAsync(AmClient.Fill(step.Body, SignOnJourneys.Username));
        var wrong = AmClient.Fill(step.Body, "Wrong-password-1");
        var failures = _server.Services.GetRequiredService<CredentialFailureStore>();
        var before = (await failures.GetAsync(CredentialAudience.EndUser, SignOnJourneys.Username))?.ConsecutiveFailures ?? 0;

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => client.SubmitAsync(wrong)));

        Assert.Single(responses, r => r.ErrorMessage == "Login failure");
        Assert.All(responses.Where(r => r.ErrorMessage != "Login failure"), r => AuthenticateErrorTests.AssertError(r, 401, "only the latest step"));
        Assert.Equal(before + 1, (await failures.GetAsync(CredentialAudience.EndUser, SignOnJourneys.Username))!.ConsecutiveFailures);
    }

    /// <summary>Counts the database commands of both kinds of contexts, with the synchronous setting each write ran under.</summary>
    private sealed class CommandCounter : DbCommandInterceptor
    {
        public const long SynchronousNormal = 1;
        public const long SynchronousFull = 2;

        private readonly ConcurrentQueue<(string Sql, long Synchronous)> _writes = new();
        private int _reads;

        public IReadOnlyList<(string Sql, long Synchronous)> Writes => [.. _writes];

        public int Reads => _reads;

        public void Reset()
        {
            _writes.Clear();
            Interlocked.Exchange(ref _reads, 0);
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Count(command);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Count(command);
            return result;
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Count(command);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        {
            Count(command);
            return result;
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Count(command);
            return ValueTask.FromResult(result);
        }

        private void Count(DbCommand command)
        {
            var sql = command.CommandText.TrimStart();
            if (!(sql.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase) || sql.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase)
                  || sql.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase)))
            {
                Interlocked.Increment(ref _reads);
                return;
            }
            // The connection's setting at the moment it writes, asked on the same connection (and transaction).
            using var probe = command.Connection!.CreateCommand();
            probe.Transaction = command.Transaction;
            probe.CommandText = "PRAGMA synchronous;";
            _writes.Enqueue((sql, Convert.ToInt64(probe.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    private sealed class CountingCodec(IJourneyCodec inner) : IJourneyCodec
    {
        private int _parses;

        public int Parses => _parses;

        public string Serialize(Journey journey) => inner.Serialize(journey);

        public Journey Deserialize(string json)
        {
            Interlocked.Increment(ref _parses);
            return inner.Deserialize(json);
        }
    }
}
