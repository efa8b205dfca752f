using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace JourneyStudio.Runtime.Persistence;

/// <summary>
/// One writing statement at a time per SQLite file, waited for asynchronously. SQLite lets one connection write at a time;
/// a second writer waits inside <c>sqlite3_step</c>, whose busy handler sleeps 1, 2, 5, 10… ms on the calling thread, and
/// Microsoft.Data.Sqlite runs it synchronously even from its async methods. Under load that parks thread-pool threads in
/// sleeps (the pool then queues work while the CPU idles) and hands the lock over late. Behind this gate a waiting writer
/// holds no thread and gets the lock as soon as the previous statement is done.
/// </summary>
/// <remarks>
/// Only statements outside an explicit transaction (the connection is in autocommit mode) pass the gate, each for as long as
/// it runs (a reader's until it is disposed): a transaction holds SQLite's lock across awaits, so gating inside one could
/// make it wait for a statement that waits for it. Transactions and other processes still meet busy_timeout
/// (<see cref="SqliteConnectionSetupInterceptor"/>). Reads (SELECT) never pass it: in WAL mode they do not wait for writers.
/// </remarks>
internal sealed class SqliteWriteGate : DbCommandInterceptor
{
    // One gate per database file, for every context kind and host on it in this process.
    private static readonly ConcurrentDictionary<string, WriteTurns> Gates = new(StringComparer.Ordinal);

    private readonly WriteTurns _gate;


    // The commands that hold the gate now; each releases it once.
    private readonly ConditionalWeakTable<DbCommand, object> _holders = new();

    private static readonly object Held = new();

    public SqliteWriteGate(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var key = dataSource.Length == 0 || dataSource.StartsWith(':') ? dataSource : Path.GetFullPath(dataSource);
        _gate = Gates.GetOrAdd(key, _ => new WriteTurns());
    }

    /// <summary>Whether <paramref name="command"/> must pass the gate: a statement that may write, run outside a transaction.</summary>
    private static bool Gated(DbCommand command) =>
        command.Connection is SqliteConnection { Handle: { } handle }
        && raw.sqlite3_get_autocommit(handle) != 0
        && !command.CommandText.AsSpan().TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase);

    private void Enter(DbCommand command)
    {
        if (!Gated(command)) return;
        _gate.Enter();
        _holders.AddOrUpdate(command, Held);
    }

    private async ValueTask EnterAsync(DbCommand command, CancellationToken cancellationToken)
    {
        if (!Gated(command)) return;
        await _gate.EnterAsync(cancellationToken);
        _holders.AddOrUpdate(command, Held);
    }

    private void Leave(DbCommand command)
    {
        if (_holders.Remove(command)) _gate.Leave();
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Enter(command);
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await EnterAsync(command, cancellationToken);
        return result;
    }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Leave(command);
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        Leave(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Enter(command);
        return result;
    }

    public override async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        await EnterAsync(command, cancellationToken);
        return result;
    }

    public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        Leave(command);
        return result;
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result,
        CancellationToken cancellationToken = default)
    {
        Leave(command);
        return ValueTask.FromResult(result);
    }

    // A reader (e.g. SaveChanges' INSERT … RETURNING) writes until it is disposed: that is when it leaves.
    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Enter(command);
        return result;
    }

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await EnterAsync(command, cancellationToken);
        return result;
    }

    public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        Leave(command);
        return result;
    }

    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Leave(command);

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(command);
        return Task.CompletedTask;
    }

    public override void CommandCanceled(DbCommand command, CommandEndEventData eventData) => Leave(command);

    public override Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(command);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Turns to write, first come first served. Leaving hands the turn to the next writer on the leaving thread (its
    /// continuation runs there, up to its next await), not through the thread pool's queue: under load that queue is long,
    /// and a turn waiting in it would keep every other writer waiting while the database idles. Only when the leaving
    /// thread's stack runs short (turns handed on inside turns) does the next one go through the queue.
    /// </summary>
    private sealed class WriteTurns
    {
        private readonly Lock _lock = new();
        private readonly Queue<TaskCompletionSource> _waiting = new();
        private bool _taken;

        public void Enter() => EnterAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();

        public ValueTask EnterAsync(CancellationToken cancellationToken)
        {
            TaskCompletionSource turn;
            lock (_lock)
            {
                if (!_taken)
                {
                    _taken = true;
                    return ValueTask.CompletedTask;
                }
                turn = new TaskCompletionSource();
                _waiting.Enqueue(turn);
            }
            return new ValueTask(cancellationToken.CanBeCanceled ? WaitAsync(turn, cancellationToken) : turn.Task);
        }

        private async Task WaitAsync(TaskCompletionSource turn, CancellationToken cancellationToken)
        {
            // Canceled before its turn came, the waiter is skipped by Leave (TrySetResult fails on it).
            await using (cancellationToken.Register(() => turn.TrySetCanceled(cancellationToken)))
                await turn.Task;
        }

        private sealed class Handover(WriteTurns turns, TaskCompletionSource next) : IThreadPoolWorkItem
        {
            public void Execute()
            {
                if (!next.TrySetResult()) turns.Leave();
            }
        }

        public void Leave()
        {
            while (true)
            {
                TaskCompletionSource next;
                lock (_lock)
                {
                    if (!_waiting.TryDequeue(out next!))
                    {
                        _taken = false;
                        return;
                    }
                }
                if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
                {
                    ThreadPool.UnsafeQueueUserWorkItem(new Handover(this, next), preferLocal: false);
                    return;
                }
                if (next.TrySetResult()) return;
                // That waiter was canceled and gave up its turn: the next one gets it.
            }
        }
    }
}
