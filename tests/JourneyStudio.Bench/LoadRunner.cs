using System.Diagnostics;
using JourneyStudio.Testing;

/// <summary>Records one request's latency, in milliseconds, as step <paramref name="step"/> of a run (0 unless a run has several kinds).</summary>
internal delegate void Record(double milliseconds, int step = 0);

/// <summary>
/// The load runner every benchmark shares: clients, each with its own connection, run a piece of work in a loop, first for a
/// short warm-up (JIT, connection set-up, the database's page cache), then for the measured window while the monitor counts.
/// </summary>
internal static class LoadRunner
{
    /// <summary>A client whose requests may wait as long as a benchmark's overload makes them (set before its first request).</summary>
    public static HttpClient WithLongTimeout(HttpClient http)
    {
        http.Timeout = TimeSpan.FromMinutes(5);
        return http;
    }

    /// <summary>
    /// Runs <paramref name="work"/> on <paramref name="clients"/> clients. Only requests (or, with <paramref name="countRuns"/>, runs)
    /// that end inside the measured window count; the window's counters are read at its exact start and end, whatever the
    /// clients are doing then.
    /// </summary>
    /// <param name="connect">Each client's connection, made before the clock runs (e.g. with a signed-on session); a plain
    /// client of the server when null.</param>
    public static async Task<LoadRun> MeasureAsync(StudioServer server, ResourceMonitor monitor, int clients, double seconds,
        Func<HttpClient, int, Record, Func<bool>, Task<bool>> work, bool countRuns = false, Func<int, Task<HttpClient>>? connect = null)
    {
        // Queued requests under overload may wait long; a timeout would count them as failures instead of measuring them.
        var connections = await Task.WhenAll(Enumerable.Range(0, clients).Select(client =>
            connect?.Invoke(client) ?? Task.FromResult(WithLongTimeout(server.CreateClient()))));
        var warmUp = TimeSpan.FromSeconds(Math.Min(2, seconds / 4));
        var steps = new List<List<double>>();
        long runs = 0, failures = 0;
        var phase = 0; // 0 warm-up, 1 measuring, 2 over
        var window = Task.Run(async () =>
        {
            await Task.Delay(warmUp);
            using var pool = monitor.SampleThreadPool();
            var start = monitor.Take();
            Volatile.Write(ref phase, 1);
            await Task.Delay(TimeSpan.FromSeconds(seconds));
            Volatile.Write(ref phase, 2);
            var end = monitor.Take();
            return (start, end, await pool.StopAsync());
        });
        bool Over() => Volatile.Read(ref phase) == 2;

        try
        {
            await Task.WhenAll(connections.Select(async (http, client) =>
            {
                var mine = new List<List<double>>();
                void Add(double latency, int step)
                {
                    if (Volatile.Read(ref phase) != 1) return;
                    while (mine.Count <= step) mine.Add([]);
                    mine[step].Add(latency);
                }
                while (!Over())
                {
                    var ok = await work(http, client, Add, Over);
                    if (Volatile.Read(ref phase) != 1) continue;
                    if (ok) Interlocked.Increment(ref runs);
                    else Interlocked.Increment(ref failures);
                }
                lock (steps)
                {
                    while (steps.Count < mine.Count) steps.Add([]);
                    for (var i = 0; i < mine.Count; i++) steps[i].AddRange(mine[i]);
                }
            }));
        }
        finally
        {
            foreach (var http in connections) http.Dispose();
        }
        var (from, to, summary) = await window;
        if (steps.Count == 0) steps.Add([]);
        var operations = countRuns ? runs : steps[0].Count;
        var usage = to.Since(from, summary, operations);
        return new LoadRun(operations / usage.Wall.TotalSeconds, steps, failures, usage);
    }
}

/// <summary>One load measurement: operations per second, their latencies (per step of a run), and what the process and database spent.</summary>
internal sealed record LoadRun(double PerSecond, IReadOnlyList<List<double>> Steps, long Failures, Usage Usage)
{
    private readonly Lazy<List<double>[]> _sorted = new(() => Steps.Select(s => s.Order().ToList()).ToArray());

    /// <summary>The latencies of the first (or only) kind of request.</summary>
    public List<double> Latencies => Steps[0];

    public double? P(int percentile, int step = 0) => step < _sorted.Value.Length ? Percentile(_sorted.Value[step], percentile) : null;

    public static double? Percentile(List<double> sorted, int percentile) =>
        sorted.Count == 0 ? null : sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
}

/// <summary>Latencies of a probe made one at a time.</summary>
internal sealed class Probe
{
    private readonly List<double> _values = [];

    public void Add(double milliseconds) { lock (_values) _values.Add(milliseconds); }

    public int Count { get { lock (_values) return _values.Count; } }

    public double? Last { get { lock (_values) return _values.Count == 0 ? null : _values[^1]; } }

    public double? Max { get { lock (_values) return _values.Count == 0 ? null : _values.Max(); } }

    public double? P(int percentile) { lock (_values) return LoadRun.Percentile(_values.Order().ToList(), percentile); }
}
