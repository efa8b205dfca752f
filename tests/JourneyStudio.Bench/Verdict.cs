using System.Globalization;

/// <summary>What limits a figure, read off the counters measured with it (never assumed).</summary>
internal static class Verdict
{
    private static int Cores => Environment.ProcessorCount;

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string OthersNote(Usage u) =>
        u.OtherProcessesCores >= 0.2 ? F($"; other processes on the machine took {u.OtherProcessesCores:0.0} of the cores") : "";

    public static string ForHash(Usage u) => u.MachineSaturated
        ? F($"CPU: PBKDF2 keeps {u.ProcessCores:0.00} of {Cores} cores busy ({u.CpuMsPerOp:0.0} ms CPU per hash){OthersNote(u)}")
        : F($"{u.ProcessCores:0.00} of {Cores} cores busy, {u.CpuMsPerOp:0.0} ms CPU per hash");

    public static string ForLoad(LoadRun run, int clients)
    {
        var u = run.Usage;
        // Share of the clients' time spent inside database commands (waiting for the write lock and the disk included).
        var dbShare = u.DbMsPerOp * run.PerSecond / 1000 / clients;
        if (u.MachineSaturated)
            return F($"CPU: {u.MachineBusyCores:0.00} of {Cores} cores busy; {u.CpuMsPerOp:0.00} ms CPU per operation in this process (server and load generator; {u.DbMsPerOp:0.00} ms of wall time inside database commands){OthersNote(u)}");
        if (clients == 1 && run.P(50) is { } latency)
            return F($"one request at a time: {latency:0.00} ms each, of which {u.DbMsPerOp:0.00} ms inside database commands ({u.CommitsPerOp:0.0} commits) and {u.CpuMsPerOp:0.00} ms CPU (server and client); the cores are not full ({u.MachineBusyCores:0.00} of {Cores})");
        if (dbShare >= 0.5)
            return F($"database: the clients spend {dbShare:P0} of their time inside database commands ({u.CommitsPerOp:0.0} commits per operation, {u.DbMsPerOp:0.00} ms each operation: waiting for SQLite's one write lock and the disk) while only {u.MachineBusyCores:0.00} of {Cores} cores are busy");
        return F($"neither CPU ({u.MachineBusyCores:0.00} of {Cores} cores) nor the database ({dbShare:P0} of client time) is full: the thread pool queues {u.Pool.Queue:0.0} work items on average with {u.Pool.Threads:0} threads{OthersNote(u)}");
    }

    public static string ForProbe(Probe probe, Usage load) => load.MachineSaturated
        ? F($"CPU: the sign-ons keep {load.MachineBusyCores:0.00} of {Cores} cores busy (mostly PBKDF2, at most {Cores} hashes at a time); a probe request gets its share of a core after the work queued before it (thread pool: {load.Pool.Queue:0.0} queued on average, at most {load.Pool.MaxQueue}, {load.Pool.Threads:0} threads); GC {load.GcPercent:0.0}%{OthersNote(load)}")
        : F($"{load.MachineBusyCores:0.00} of {Cores} cores busy; thread pool {load.Pool.Queue:0.0} queued on average (max {load.Pool.MaxQueue}); GC {load.GcPercent:0.0}%");
}

/// <summary>The figures the targets are judged on, filled as the sections run.</summary>
internal sealed class Results
{
    /// <summary>Raw hashes per second by parallelism (the client count of the sign-ons next to it).</summary>
    public Dictionary<int, double> HashRate { get; } = [];
    public Dictionary<int, LoadRun> NotFound { get; } = [];
    public Dictionary<int, LoadRun> Polling { get; } = [];
    public Dictionary<int, LoadRun> Push { get; } = [];
    public Dictionary<int, LoadRun> Login { get; } = [];
    public Probe? AdminApi { get; set; }
    public Probe? StudioPage { get; set; }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    public void PrintTargets()
    {
        Console.WriteLine("targets:");
        Target("Polling Wait steps/s ÷ routed 404/s, 64 clients", "≥ 0.50",
            Polling.GetValueOrDefault(64) is { } p && NotFound.GetValueOrDefault(64) is { } n ? p.PerSecond / n.PerSecond : null, v => v >= 0.5, "0.00");
        Target("one client's Polling Wait step p50", "≤ 2 ms", Polling.GetValueOrDefault(1)?.P(50), v => v <= 2, "0.00 ms");
        // Each client's run starts a sign-on (one insert) and then submits PollsPerRun steps.
        const double startShare = 1.0 / LoadBench.PollsPerRun;
        Target($"database commits per Polling Wait step (+{startShare:0.00} for the start)", $"≤ {1 + startShare:0.00}",
            Polling.GetValueOrDefault(64)?.Usage.CommitsPerOp, v => v <= 1 + startShare + 0.005, "0.00");
        Target("journey parses per Polling Wait step (64 clients)", "0", Polling.GetValueOrDefault(64)?.Usage.ParsesPerOp, v => v == 0, "0.000");
        Target("password sign-ons/s ÷ raw hash/s, 16 clients ÷ 16 threads", "≥ 0.90",
            Login.GetValueOrDefault(16) is { } l && HashRate.GetValueOrDefault(16) is > 0 and var h ? l.PerSecond / h : null, v => v >= 0.9, "0.00");
        Target("admin API p99 while 64 clients sign on", "≤ 250 ms", AdminApi?.P(99), v => v <= 250, "0 ms");
        Target("studio page (slowest load) while 64 clients sign on", "≤ 1000 ms", StudioPage?.Max, v => v <= 1000, "0 ms");

        Console.WriteLine();
        var cores = Environment.ProcessorCount;
        if (Push.GetValueOrDefault(64) is { } push)
            Console.WriteLine(F($"capacity: {push.PerSecond * 5 / cores:0} users waiting on push per core (Push Wait polls/s at 64 clients × 5 s between polls ÷ {cores} cores)"));
        if (Polling.GetValueOrDefault(64) is { } polling)
            Console.WriteLine(F($"          {polling.PerSecond * 5 / cores:0} users per core polling a Polling Wait every 5 s"));
        if (Login.GetValueOrDefault(16) is { } login)
            Console.WriteLine(F($"          {login.PerSecond / cores:0.0} password sign-ons/s per core (16 clients ÷ {cores} cores)"));
    }

    private static void Target(string name, string goal, double? value, Func<double, bool> met, string format)
    {
        var shown = value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "-";
        var verdict = value is { } x ? (met(x) ? "met" : "NOT met") : "not measured";
        Console.WriteLine($"   {name,-55} {goal,10} {shown,12}   {verdict}");
    }
}
