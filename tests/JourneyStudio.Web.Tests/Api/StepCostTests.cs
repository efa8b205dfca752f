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
public abstract class StepCostTests(DatabaseProvider provider) : IAsyncLifetime
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
                services.AddSingleton<IJourneyCodec>(services => _codec = new CountingCodec(new FrodoJourneyCodec(services.GetRequiredService<NodeCatalog>())));
            },
            provider: provider);
        if (provider == DatabaseProvider.Postgres) await MakeCommitsDurableByDefaultAsync(_server.PostgresConnectionString!);
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

    /// <summary>
    /// The test cluster runs with <c>synchronous_commit = off</c> for speed; this database gets PostgreSQL's durable default
    /// back, as a production server has it, so that only what the studio asks for itself is not durable.
    /// </summary>
    private static async Task MakeCommitsDurableByDefaultAsync(string connectionString)
    {
        var database = new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Database;
        await using (var connection = new Npgsql.NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"ALTER DATABASE \"{database}\" SET synchronous_commit = on";
            await command.ExecuteNonQueryAsync();
        }
        // Connections opened before keep the setting they started with.
        Npgsql.NpgsqlConnection.ClearAllPools();
    }

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
        Assert.Equal(CommandCounter.NoDiskWait, write.Durability);
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
        Assert.All(_commands.Writes, w => Assert.Equal(CommandCounter.DiskWait, w.Durability));
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

    /// <summary>
    /// Counts the database commands of both kinds of contexts, with the durability setting each write ran under: SQLite's
    /// <c>PRAGMA synchronous</c> (1 NORMAL, 2 FULL) or PostgreSQL's <c>synchronous_commit</c> (off, on).
    /// </summary>
    private sealed class CommandCounter : DbCommandInterceptor
    {
        public const string NoDiskWait = "NORMAL / off";
        public const string DiskWait = "FULL / on";

        private readonly ConcurrentQueue<(string Sql, string Durability)> _writes = new();
        private int _reads;

        public IReadOnlyList<(string Sql, string Durability)> Writes => [.. _writes];

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
            var postgres = command.Connection is Npgsql.NpgsqlConnection;
            probe.CommandText = postgres ? "SHOW synchronous_commit;" : "PRAGMA synchronous;";
            var setting = Convert.ToString(probe.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            _writes.Enqueue((sql, setting switch
            {
                "1" or "off" => NoDiskWait,
                "2" or "on" => DiskWait,
                _ => setting ?? "?",
            }));
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

public sealed class StepCostTestsOnSqlite() : StepCostTests(DatabaseProvider.Sqlite);

public sealed class StepCostTestsOnPostgres() : StepCostTests(DatabaseProvider.Postgres);
