using System.Diagnostics;
using System.Globalization;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

/// <summary>
/// What the process and the machine spent during one measurement, read in-process from the same sources
/// dotnet-counters shows (process CPU time, GC pause time, monitor lock contentions, thread-pool queue and threads),
/// plus the machine's CPU from /proc/stat, EF Core's database commands (its DiagnosticSource events: reads, writes,
/// commits, time inside commands) and the journey codec's parses. Figures per operation say what an operation costs.
/// </summary>
internal sealed class ResourceMonitor : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly IDisposable _subscription;
    private readonly List<IDisposable> _listeners = [];
    private readonly CountingJourneyCodec _codec;
    private long _reads, _writes, _commits, _commandTicks;

    public ResourceMonitor(CountingJourneyCodec codec)
    {
        _codec = codec;
        _subscription = DiagnosticListener.AllListeners.Subscribe(this);
    }

    public Snapshot Take() => new(
        Stopwatch.GetTimestamp(),
        Process.GetCurrentProcess().TotalProcessorTime,
        GC.GetTotalPauseDuration(),
        Monitor.LockContentionCount,
        MachineCpu.Read(),
        Interlocked.Read(ref _reads), Interlocked.Read(ref _writes), Interlocked.Read(ref _commits),
        TimeSpan.FromTicks(Interlocked.Read(ref _commandTicks)),
        _codec.Parses);

    /// <summary>Samples the thread pool every 50 ms until disposed (the queue and thread count are point values).</summary>
    public ThreadPoolSampler SampleThreadPool() => new();

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener listener)
    {
        if (listener.Name != DbLoggerCategory.Name) return;
        lock (_listeners)
            _listeners.Add(listener.Subscribe(this, name =>
                name == RelationalEventId.CommandExecuted.Name || name == RelationalEventId.TransactionCommitted.Name));
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        switch (value.Value)
        {
            case CommandExecutedEventData executed:
                Interlocked.Add(ref _commandTicks, executed.Duration.Ticks);
                var text = executed.Command.CommandText.AsSpan().TrimStart();
                if (text.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase) || text.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase)
                    || text.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase))
                {
                    Interlocked.Increment(ref _writes);
                    // A statement outside a transaction commits on its own; inside one, the commit is counted below.
                    if (executed.Command.Transaction is null) Interlocked.Increment(ref _commits);
                }
                else
                {
                    Interlocked.Increment(ref _reads);
                }
                break;
            case TransactionEndEventData:
                Interlocked.Increment(ref _commits);
                break;
        }
    }

    void IObserver<DiagnosticListener>.OnCompleted() { }
    void IObserver<DiagnosticListener>.OnError(Exception error) { }
    void IObserver<KeyValuePair<string, object?>>.OnCompleted() { }
    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error) { }

    public void Dispose()
    {
        _subscription.Dispose();
        lock (_listeners) foreach (var listener in _listeners) listener.Dispose();
    }

    public sealed record Snapshot(long Timestamp, TimeSpan ProcessCpu, TimeSpan GcPause, long LockContentions, MachineCpu Machine,
        long DbReads, long DbWrites, long DbCommits, TimeSpan DbTime, long Parses)
    {
        public Usage Since(Snapshot start, ThreadPoolSampler.Summary pool, long operations) => new(
            Stopwatch.GetElapsedTime(start.Timestamp, Timestamp), ProcessCpu - start.ProcessCpu, GcPause - start.GcPause,
            LockContentions - start.LockContentions, Machine.BusyCoresSince(start.Machine),
            DbReads - start.DbReads, DbWrites - start.DbWrites, DbCommits - start.DbCommits, DbTime - start.DbTime, Parses - start.Parses,
            pool, operations);
    }
}

/// <summary>What one measurement used, in total and per operation.</summary>
internal sealed record Usage(TimeSpan Wall, TimeSpan ProcessCpu, TimeSpan GcPause, long LockContentions, double MachineBusyCores,
    long DbReads, long DbWrites, long DbCommits, TimeSpan DbTime, long Parses, ThreadPoolSampler.Summary Pool, long Operations)
{
    public double ProcessCores => ProcessCpu / Wall;
    public double CpuMsPerOp => PerOp(ProcessCpu.TotalMilliseconds);
    public double DbMsPerOp => PerOp(DbTime.TotalMilliseconds);
    public double ReadsPerOp => PerOp(DbReads);
    public double WritesPerOp => PerOp(DbWrites);
    public double CommitsPerOp => PerOp(DbCommits);
    public double ParsesPerOp => PerOp(Parses);
    public double GcPercent => 100 * (GcPause / Wall);
    public double OtherProcessesCores => Math.Max(0, MachineBusyCores - ProcessCores);
    public bool MachineSaturated => MachineBusyCores >= 0.9 * Environment.ProcessorCount;

    private double PerOp(double total) => Operations == 0 ? 0 : total / Operations;

    /// <summary>The measured counters in one line.</summary>
    public string Counters() => string.Create(CultureInfo.InvariantCulture,
        $"cpu {ProcessCores:0.00} cores ({CpuMsPerOp:0.00} ms/op) · machine {MachineBusyCores:0.00}/{Environment.ProcessorCount} cores busy"
        + $" · db {ReadsPerOp:0.0} reads {WritesPerOp:0.0} writes {CommitsPerOp:0.0} commits {DbMsPerOp:0.00} ms/op · parses {ParsesPerOp:0.00}/op"
        + $" · gc {GcPercent:0.0}% · locks {LockContentions} · pool {Pool.Threads:0} threads, queue {Pool.Queue:0.0} (max {Pool.MaxQueue})");
}

/// <summary>The machine's busy CPU time (all processes) from the first line of /proc/stat.</summary>
internal sealed record MachineCpu(long BusyTicks, long TotalTicks)
{
    public static MachineCpu Read()
    {
        try
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            var idle = fields[3] + fields[4]; // idle + iowait
            var total = fields.Take(8).Sum(); // user nice system idle iowait irq softirq steal
            return new MachineCpu(total - idle, total);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return new MachineCpu(0, 0);
        }
    }

    /// <summary>Cores kept busy on average since <paramref name="start"/>.</summary>
    public double BusyCoresSince(MachineCpu start) =>
        TotalTicks - start.TotalTicks <= 0 ? 0 : (double)(BusyTicks - start.BusyTicks) / (TotalTicks - start.TotalTicks) * Environment.ProcessorCount;
}

internal sealed class ThreadPoolSampler : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task<Summary> _sampling;

    public ThreadPoolSampler() => _sampling = SampleAsync(_stop.Token);

    public sealed record Summary(double Threads, double Queue, long MaxQueue);

    public async Task<Summary> StopAsync()
    {
        await _stop.CancelAsync();
        return await _sampling;
    }

    private static async Task<Summary> SampleAsync(CancellationToken stop)
    {
        double threads = 0, queue = 0;
        long maxQueue = 0, samples = 0;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                samples++;
                threads += ThreadPool.ThreadCount;
                var pending = ThreadPool.PendingWorkItemCount;
                queue += pending;
                maxQueue = Math.Max(maxQueue, pending);
            }
        }
        catch (OperationCanceledException) { }
        return samples == 0 ? new Summary(ThreadPool.ThreadCount, 0, 0) : new Summary(threads / samples, queue / samples, maxQueue);
    }

    public void Dispose() => _stop.Dispose();
}

/// <summary>The studio's journey codec, counting how often stored journey text is parsed.</summary>
internal sealed class CountingJourneyCodec(IJourneyCodec inner) : IJourneyCodec
{
    private long _parses;

    public long Parses => Interlocked.Read(ref _parses);

    public string Serialize(Journey journey) => inner.Serialize(journey);

    public Journey Deserialize(string json)
    {
        Interlocked.Increment(ref _parses);
        return inner.Deserialize(json);
    }
}
