using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Runtime.ApiTokens;
using JourneyStudio.Runtime.Audit;
using JourneyStudio.Runtime.Devices;
using JourneyStudio.Runtime.Identities;
using JourneyStudio.Runtime.Mfa;
using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

/// <summary>
/// The load run over loopback against one studio (the real program on Kestrel, in this process, on a fresh database):
/// its cheapest endpoint (a routed 404) as the baseline, non-hashing steps (a Polling Wait resubmit, a Push Wait poll
/// that reads the push message), password sign-ons next to the raw hash throughput, and the admin API and a studio page
/// while 64 clients sign on. Every figure is printed with the counters that explain it and a verdict on what limits it.
/// </summary>
internal static class LoadBench
{
    public static readonly IReadOnlyList<string> Sections = ["hash", "404", "polling", "push", "login", "admin", "studio"];

    private const string Password = "Bench-password-1";
    private const string Realm = "json/realms/root/realms/alpha";
    private const int Users = 64;
    public const int PollsPerRun = 20;

    public static async Task<int> RunAsync(LoadBenchOptions options)
    {
        // One run's names, so that a database that is not fresh (PostgreSQL) takes a second run too.
        var tag = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
        var codec = new CountingJourneyCodec(new FrodoJourneyCodec(NodeCatalog.Default));
        var settings = new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = Environment.GetEnvironmentVariable("BENCH_LOG") ?? "Error",
            ["JourneyStudio:Database:Provider"] = options.Provider,
            // Every bench client comes from 127.0.0.1; in production they come from many addresses (or the operator raises the
            // limit behind a proxy, as the README says). The per-address throttle still does its work on every check.
            ["JourneyStudio:BruteForce:AddressMaxFailures"] = "1000000",
        };
        if (options.ConnectionString is not null) settings["JourneyStudio:Database:ConnectionString"] = options.ConnectionString;

        await using var server = StudioServer.Start(settings, environment: "Production",
            configureServices: services => services.AddSingleton<IJourneyCodec>(codec));
        using var monitor = new ResourceMonitor(codec);

        var provider = ProviderOf(server);
        var expected = options.Provider == "postgres" ? "Npgsql" : "Sqlite";
        if (!provider.Contains(expected, StringComparison.OrdinalIgnoreCase))
        {
            await Console.Error.WriteLineAsync($"Asked for {options.Provider}, but the studio runs on {provider}: this build does not know JourneyStudio:Database:Provider={options.Provider}.");
            return 2;
        }

        var bench = new Names(tag);
        await SeedAsync(server, bench);
        var token = await CreateApiTokenAsync(server, tag);

        Console.WriteLine($"JourneyStudio load benchmark · {Environment.ProcessorCount} cores · {options.Seconds:0.#} s per measurement · {DateTime.UtcNow:u}");
        Console.WriteLine($"database: {provider}{(options.ConnectionString is null ? " (fresh file in a temporary data directory)" : "")} · "
                          + $"server GC {System.Runtime.GCSettings.IsServerGC} · load generator in the same process · load average at start {LoadAverage()}");
        Console.WriteLine("counters per measurement: process CPU, machine CPU (/proc/stat), EF Core commands (reads, writes, commits, time inside them),");
        Console.WriteLine("journey parses, GC pause, lock contentions, thread pool (the figures dotnet-counters shows; dotnet-trace for where CPU goes)");
        Console.WriteLine();

        var results = new Results();
        var stepBody = await CapturePollingStepAsync(server, bench);
        if (options.Runs("404"))
        {
            Section("routed 404 (POST of a step to .../realms/NO-SUCH-REALM/authenticate: routing, middleware, a 404 body; the cheapest endpoint)");
            foreach (var clients in options.Clients)
            {
                var run = await LoadRunner.MeasureAsync(server, monitor, clients, options.Seconds, (http, _, record, _) => NotFoundAsync(http, stepBody, record));
                results.NotFound[clients] = run;
                Row(clients, run, "requests/s", null, null);
            }
        }

        if (options.Runs("polling"))
        {
            Section("Polling Wait resubmit (early: the node sends its callback again; no password hash)");
            foreach (var clients in options.Clients)
            {
                var run = await LoadRunner.MeasureAsync(server, monitor, clients, options.Seconds, (http, client, record, over) => PollAsync(http, bench.Polling, client, record, over, bench, false));
                results.Polling[clients] = run;
                Row(clients, run, "steps/s", results.NotFound.GetValueOrDefault(clients), "404");
            }
        }

        if (options.Runs("push"))
        {
            Section("Push Wait poll (what a user waiting on push sends every 5 s: Push Wait done → Push Result Verifier reads the message → Push Wait)");
            foreach (var clients in options.Clients)
            {
                var run = await LoadRunner.MeasureAsync(server, monitor, clients, options.Seconds, (http, client, record, over) => PollAsync(http, bench.PushPoll, client, record, over, bench, true));
                results.Push[clients] = run;
                Row(clients, run, "polls/s", results.NotFound.GetValueOrDefault(clients), "404");
            }
        }

        if (options.Runs("login") || options.Runs("hash"))
        {
            // The hash alone at the same parallelism, measured right before the sign-ons so that both meet the same machine.
            Section("password sign-on through Login (start, then username + password on one page); before each, the raw hash (PBKDF2 verify) on as many threads, and the ratio to it");
            var storedHash = await server.Services.GetRequiredService<BoundedPasswordHasher>().HashAsync(Password);
            foreach (var clients in options.Clients)
            {
                if (options.Runs("hash"))
                {
                    var (rate, usage) = await MeasureHashRateAsync(monitor, storedHash, clients, options.Seconds);
                    results.HashRate[clients] = rate;
                    Console.WriteLine($"{clients,8} {rate,11:0.0} {"",13} {"",9} {"",9}   raw hashes/s on {clients} threads");
                    Console.WriteLine($"{"",8} {usage.Counters()}");
                    Console.WriteLine($"{"",8} limit: {Verdict.ForHash(usage)}");
                }
                if (!options.Runs("login")) continue;
                var run = await LoadRunner.MeasureAsync(server, monitor, clients, options.Seconds, (http, client, record, _) => SignOnAsync(http, bench, client, record), countRuns: true);
                results.Login[clients] = run;
                Row(clients, run, "sign-ons/s", null, null, results.HashRate.GetValueOrDefault(clients));
            }
        }

        if (options.Runs("admin"))
        {
            Section($"admin API while {Users} clients sign on (GET /admin/api/journeys with an API token, one request after the other)");
            var (probe, load) = await UnderSignOnLoadAsync(server, monitor, bench, options.Seconds, () => AdminProbeAsync(server, token));
            results.AdminApi = probe;
            Console.WriteLine($"   {probe.Count} requests: p50 {Ms(probe.P(50))} · p99 {Ms(probe.P(99))} · max {Ms(probe.Max)} · meanwhile {load.PerSecond:0.0} sign-ons/s");
            Console.WriteLine($"   {load.Usage.Counters()}");
            Console.WriteLine($"   limit: {Verdict.ForProbe(probe, load.Usage)}");
            Console.WriteLine();
        }

        if (options.Runs("studio"))
        {
            var chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";
            if (options.NoBrowser || !File.Exists(chromium))
            {
                Console.WriteLine($"studio page under load: skipped ({(options.NoBrowser ? "--no-browser" : $"no Chromium at {chromium}; set CHROMIUM_PATH")})");
            }
            else
            {
                Section($"studio page while {Users} clients sign on (headless Chromium: navigation → the journey list's rows are shown, a fresh page each time)");
                await using var browser = await StudioBrowser.StartAsync(server, chromium);
                var idle = new Probe();
                for (var i = 0; i < 4; i++) idle.Add(await browser.OpenJourneyListAsync()); // the first ones warm up the server and the browser
                var (probe, load) = await UnderSignOnLoadAsync(server, monitor, bench, options.Seconds, browser.OpenJourneyListAsync);
                results.StudioPage = probe;
                Console.WriteLine($"   idle: {Ms(idle.P(50))} (last of 4: {Ms(idle.Last)}) · under load: {probe.Count} loads, p50 {Ms(probe.P(50))} · max {Ms(probe.Max)} · meanwhile {load.PerSecond:0.0} sign-ons/s");
                Console.WriteLine($"   {load.Usage.Counters()}");
                Console.WriteLine($"   limit: {Verdict.ForProbe(probe, load.Usage)} (Chromium's own CPU is not in the process figures)");
                Console.WriteLine();
            }
        }

        results.PrintTargets();
        Console.WriteLine();
        Console.WriteLine($"load average at the end: {LoadAverage()}");
        return 0;
    }

    private static void Section(string title)
    {
        Console.WriteLine(title + ":");
        Console.WriteLine($"{"clients",8} {"rate",11} {"ratio",13} {"p50",9} {"p99",9}");
    }

    private static void Row(int clients, LoadRun run, string unit, LoadRun? baseline, string? baselineName, double? hashRate = null)
    {
        var ratio = baseline is not null ? $"{run.PerSecond / baseline.PerSecond:0.00} ÷ {baselineName}"
            : hashRate is > 0 ? $"{run.PerSecond / hashRate.Value:0.00} ÷ hash" : "";
        Console.WriteLine($"{clients,8} {run.PerSecond,11:0.0} {ratio,13} {Ms(run.P(50)),9} {Ms(run.P(99)),9}   {unit}{(run.Failures > 0 ? $", {run.Failures} failed" : "")}");
        Console.WriteLine($"{"",8} {run.Usage.Counters()}");
        Console.WriteLine($"{"",8} limit: {Verdict.ForLoad(run, clients)}");
    }

    public static string Ms(double? value) => value is { } v ? string.Create(CultureInfo.InvariantCulture, $"{v:0.0} ms") : "-";

    private static string LoadAverage()
    {
        try { return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
        catch (IOException) { return "?"; }
    }

    private static string ProviderOf(StudioServer server)
    {
        using var db = server.Services.GetRequiredService<IDbContextFactory<JourneyStudioDbContext>>().CreateDbContext();
        return db.Database.ProviderName ?? "?";
    }

    // ---- set-up ----------------------------------------------------------------------------------------------

    /// <summary>The run's users and journeys.</summary>
    private sealed record Names(string Tag)
    {
        public string User(int i) => $"bench-{Tag}-{i % Users}";
        public string Polling => $"Bench Polling {Tag}";
        public string PushPoll => $"Bench Push {Tag}";
    }

    private static async Task SeedAsync(StudioServer server, Names names)
    {
        var identities = server.Services.GetRequiredService<IdentityStore>();
        var devices = server.Services.GetRequiredService<DeviceStore>();
        var secrets = server.Services.GetRequiredService<SecretProtector>();
        for (var i = 0; i < Users; i++)
        {
            await identities.CreateAsync(new NewIdentity(names.User(i), Password, "Bench", $"User {i}"));
            var deviceToken = Base64Url.Encode(RandomNumberGenerator.GetBytes(32));
            await devices.AddAsync(new MfaDevice
            {
                Username = names.User(i), Kind = DeviceKind.Push, Uuid = Guid.NewGuid().ToString(), DeviceName = "Bench phone",
                ProtectedSecret = secrets.Protect(PushChallenge.NewSecret()), CreatedAt = DateTimeOffset.UtcNow,
                CommunicationId = "embedded:" + deviceToken, CommunicationType = "gcm", DeviceType = "android", DeviceToken = deviceToken,
                MechanismUid = Guid.NewGuid().ToString(),
            });
            // What registering a device records on the user: push is set up and not skippable.
            await identities.SetSkipAsync(names.User(i), MfaMethod.Push, MfaSkipState.NotSkippable);
        }

        var store = server.Services.GetRequiredService<JourneyStore>();
        // Polling Wait of an hour: every early resubmit is one engine step that hashes nothing and writes only the session.
        var wait = Node(NodeTypeIds.PollingWait, new() { ["secondsToWait"] = 3600 }, new() { ["DONE"] = StaticNodeIds.Success });
        await CreateAsync(store, new Journey { Name = names.Polling, EntryNodeId = wait.Id, Nodes = [wait] });

        // Username → Push Sender → Push Wait (0 s, so every resubmit is a finished wait) → Push Result Verifier → WAITING → Push Wait.
        var user = Node(NodeTypeIds.UsernameCollector, new(), []);
        var sender = Node(NodeTypeIds.PushSender, new() { ["messageTimeout"] = 600_000 }, []);
        var pushWait = Node(NodeTypeIds.PushWait, new() { ["secondsToWait"] = 0 }, []);
        var verifier = Node(NodeTypeIds.PushResultVerifier, new(), []);
        user = user with { Connections = new Dictionary<string, string> { ["outcome"] = sender.Id } };
        sender = sender with { Connections = new Dictionary<string, string> { ["SENT"] = pushWait.Id, ["NOT_REGISTERED"] = StaticNodeIds.Failure, ["SKIPPED"] = StaticNodeIds.Failure } };
        pushWait = pushWait with { Connections = new Dictionary<string, string> { ["DONE"] = verifier.Id, ["EXITED"] = StaticNodeIds.Failure } };
        verifier = verifier with
        {
            Connections = new Dictionary<string, string>
            {
                ["TRUE"] = StaticNodeIds.Success, ["FALSE"] = StaticNodeIds.Failure, ["EXPIRED"] = StaticNodeIds.Failure, ["WAITING"] = pushWait.Id,
            },
        };
        await CreateAsync(store, new Journey { Name = names.PushPoll, EntryNodeId = user.Id, Nodes = [user, sender, pushWait, verifier] });
    }

    private static JourneyNode Node(string type, Dictionary<string, object?> config, Dictionary<string, string> connections) => new()
    {
        Id = Guid.NewGuid().ToString(), NodeType = type, DisplayName = type, X = 200, Y = 100,
        Config = NodeCatalog.Default.Find(type)!.WithDefaults(NodeConfig.FromObject(config)),
        Connections = connections,
    };

    private static async Task CreateAsync(JourneyStore store, Journey journey)
    {
        if (await store.CreateAsync(journey, "bench") is not SaveResult.Saved) throw new InvalidOperationException($"Bench journey {journey.Name} not stored.");
    }

    private static async Task<string> CreateApiTokenAsync(StudioServer server, string tag)
    {
        var created = await server.Services.GetRequiredService<AdminApiTokenStore>()
            .CreateAsync($"bench {tag}", null, new AuditActor("bench", AuditChannels.CommandLine));
        return created is AdminApiTokenCreateResult.Created { Token: var text } ? text : throw new InvalidOperationException($"No API token: {created}");
    }

    /// <summary>A real Polling Wait step as the client echoes it, for the 404 baseline's body (same size, same parsing on the client).</summary>
    private static async Task<string> CapturePollingStepAsync(StudioServer server, Names names)
    {
        using var http = server.CreateClient();
        var step = await PostAsync(http, StartUrl(names.Polling), new JsonObject());
        return step.Body?.ToJsonString() ?? throw new InvalidOperationException($"The polling journey did not start: {step.Status}");
    }

    // ---- measurements ----------------------------------------------------------------------------------------

    /// <summary>
    /// The raw password hash (the studio's PBKDF2 verify of <paramref name="storedHash"/>, outside the studio) on
    /// <paramref name="parallel"/> threads of its own: what the machine reaches with the parallelism the sign-ons are given,
    /// with the same warm-up and window as every other figure.
    /// </summary>
    private static async Task<(double Rate, Usage Usage)> MeasureHashRateAsync(ResourceMonitor monitor, string storedHash, int parallel, double seconds)
    {
        var hasher = new PasswordHasher<object>();
        long count = 0;
        var phase = 0; // 0 warm-up, 1 measuring, 2 over
        var threads = Enumerable.Range(0, parallel).Select(_ => new Thread(() =>
        {
            while (Volatile.Read(ref phase) != 2)
            {
                if (hasher.VerifyHashedPassword(null!, storedHash, Password) == PasswordVerificationResult.Failed)
                    throw new InvalidOperationException("The bench password does not verify against its own hash.");
                if (Volatile.Read(ref phase) == 1) Interlocked.Increment(ref count);
            }
        }) { IsBackground = true }).ToList();
        threads.ForEach(t => t.Start());
        await Task.Delay(TimeSpan.FromSeconds(Math.Min(2, seconds / 4)));
        var pool = monitor.SampleThreadPool();
        var start = monitor.Take();
        Volatile.Write(ref phase, 1);
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        var measured = Interlocked.Read(ref count);
        var end = monitor.Take();
        Volatile.Write(ref phase, 2);
        var usage = end.Since(start, await pool.StopAsync(), measured);
        pool.Dispose();
        threads.ForEach(t => t.Join());
        return (measured / usage.Wall.TotalSeconds, usage);
    }

    /// <summary>Runs <paramref name="probe"/> one after the other while <see cref="Users"/> clients sign on through Login.</summary>
    private static async Task<(Probe Probe, LoadRun Load)> UnderSignOnLoadAsync(StudioServer server, ResourceMonitor monitor, Names names,
        double seconds, Func<Task<double>> probe)
    {
        using var stopProbing = new CancellationTokenSource();
        var load = LoadRunner.MeasureAsync(server, monitor, Users, seconds, (http, client, record, _) => SignOnAsync(http, names, client, record), countRuns: true);
        var results = new Probe();
        // Starts when the load is past its warm-up, so every probe meets the full load.
        await Task.Delay(TimeSpan.FromSeconds(Math.Min(2, seconds / 4) + 0.5));
        var probing = Task.Run(async () =>
        {
            while (!load.IsCompleted) results.Add(await probe());
        });
        var run = await load;
        await probing;
        return (results, run);
    }

    private static async Task<double> AdminProbeAsync(StudioServer server, string token)
    {
        using var http = server.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var watch = Stopwatch.StartNew();
        using var response = await http.GetAsync("admin/api/journeys");
        await response.Content.ReadAsByteArrayAsync();
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"Admin API answered {(int)response.StatusCode}.");
        return watch.Elapsed.TotalMilliseconds;
    }

    private static string StartUrl(string journey) => $"{Realm}/authenticate?authIndexType=service&authIndexValue={Uri.EscapeDataString(journey)}";

    private static async Task<bool> NotFoundAsync(HttpClient http, string body, Record record)
    {
        var watch = Stopwatch.StartNew();
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync("json/realms/root/realms/bench-no-such-realm/authenticate", content);
        await response.Content.ReadAsByteArrayAsync();
        record(watch.Elapsed.TotalMilliseconds);
        return response.StatusCode == HttpStatusCode.NotFound;
    }

    /// <summary>One sign-on through <paramref name="journey"/> that stops at its waiting step, then <see cref="PollsPerRun"/> measured resubmits.</summary>
    private static async Task<bool> PollAsync(HttpClient http, string journey, int client, Record record, Func<bool> over, Names names, bool pushUser)
    {
        var url = StartUrl(journey);
        var step = (await PostAsync(http, url, new JsonObject())).Body;
        if (step?["authId"] is null) return false;
        if (pushUser)
        {
            step["callbacks"]![0]!["input"]![0]!["value"] = names.User(client);
            step = (await PostAsync(http, url, step)).Body;
            if (step?["authId"] is null) return false;
        }
        for (var i = 0; i < PollsPerRun && !over(); i++)
        {
            var watch = Stopwatch.StartNew();
            step = (await PostAsync(http, url, step!)).Body;
            record(watch.Elapsed.TotalMilliseconds);
            if (step?["authId"] is null) return false;
        }
        return true;
    }

    private static async Task<bool> SignOnAsync(HttpClient http, Names names, int client, Record record) =>
        await SignOnAsync(http, names.User(client), Password, record) is not null;

    /// <summary>
    /// One password sign-on through Login, recorded as one latency (start and submit); its tokenId, or null when it failed.
    /// With <paramref name="recordEachStep"/> the start is recorded as step 0 and the submit as step 1 instead.
    /// </summary>
    public static async Task<string?> SignOnAsync(HttpClient http, string username, string password, Record record, bool recordEachStep = false)
    {
        var url = StartUrl("Login");
        var watch = Stopwatch.StartNew();
        var step = (await PostAsync(http, url, new JsonObject())).Body;
        if (recordEachStep) record(watch.Elapsed.TotalMilliseconds, 0);
        if (step?["callbacks"] is not JsonArray callbacks) return null;
        foreach (var callback in callbacks)
            callback!["input"]![0]!["value"] = callback["type"]!.GetValue<string>() == "NameCallback" ? username : password;
        if (recordEachStep) watch.Restart();
        var result = (await PostAsync(http, url, step)).Body;
        record(watch.Elapsed.TotalMilliseconds, recordEachStep ? 1 : 0);
        return (string?)result?["tokenId"];
    }

    public static async Task<(HttpStatusCode Status, JsonObject? Body)> PostAsync(HttpClient http, string url, JsonObject body)
    {
        using var response = await http.PostAsJsonAsync(url, body);
        try { return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonObject>()); }
        catch (JsonException) { return (response.StatusCode, null); }
    }

    /// <summary>Headless Chromium signed in to the studio as the admin.</summary>
    private sealed class StudioBrowser : IAsyncDisposable
    {
        private IPlaywright _playwright = null!;
        private IBrowser _browser = null!;
        private IBrowserContext _context = null!;

        public static async Task<StudioBrowser> StartAsync(StudioServer server, string chromium)
        {
            var result = new StudioBrowser { _playwright = await Playwright.CreateAsync() };
            result._browser = await result._playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = chromium, Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            });
            result._context = await result._browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.BaseAddress.ToString() });
            result._context.SetDefaultTimeout(60_000);
            var page = await result._context.NewPageAsync();
            await page.GotoAsync("/admin/login");
            await page.FillAsync("#username", StudioServer.AdminUsername);
            await page.FillAsync("#password", StudioServer.AdminPassword);
            await page.ClickAsync("button[type=submit]");
            await page.WaitForURLAsync(url => !url.Contains("/admin/login"), new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
            await page.CloseAsync();
            return result;
        }

        /// <summary>A fresh page (its own circuit) from navigation until the journey list shows its rows.</summary>
        public async Task<double> OpenJourneyListAsync()
        {
            var page = await _context.NewPageAsync();
            try
            {
                var watch = Stopwatch.StartNew();
                await page.GotoAsync("/", new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
                await page.Locator("[data-testid=journey-row]").First.WaitForAsync();
                return watch.Elapsed.TotalMilliseconds;
            }
            finally
            {
                await page.CloseAsync();
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _context.DisposeAsync();
            await _browser.DisposeAsync();
            _playwright.Dispose();
        }
    }
}
