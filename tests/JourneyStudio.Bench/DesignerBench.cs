using System.Collections.Immutable;
using System.Diagnostics;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

// Designer load and save times in headless Chromium (Debian's /usr/bin/chromium, or CHROMIUM_PATH):
// from navigation to a fully drawn, interactive canvas for journeys of 50, 200 and 500 nodes, and a
// save of the 200-node journey (after an edit) from the click on Save until the toolbar shows the new draft
// revision. Each figure is printed with the studio's journey list, opened in the same run, as the baseline, and
// with the phases it is made of (browser milestones), the longest of which is what limits it.
internal static class DesignerBench
{
    private static readonly int[] Sizes = [50, 200, 500];

    public static async Task<int> RunAsync(string[] args)
    {
        var repeats = args.Length > 0 && int.TryParse(args[0], out var r) ? r : 5;
        var chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            Console.Error.WriteLine($"Chromium was not found at {chromium}; install Debian's chromium or set CHROMIUM_PATH.");
            return 2;
        }

        await using var server = StudioServer.Start(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" });
        var store = server.Services.GetRequiredService<JourneyStore>();
        foreach (var size in Sizes)
        {
            var saved = await store.CreateAsync(Generate(size), "bench");
            if (saved is not SaveResult.Saved) throw new InvalidOperationException($"Bench journey of {size} nodes not stored: {saved}");
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.BaseAddress.ToString(), ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        context.SetDefaultTimeout(60_000);
        await context.AddInitScriptAsync(MilestoneScript);
        await SignInAsync(context);

        Console.WriteLine($"JourneyStudio designer benchmark · {Environment.ProcessorCount} cores · {repeats} runs each (after one warm-up) · {DateTime.UtcNow:u}");
        Console.WriteLine("open = navigation start → every node drawn, every port measured, every link path drawn, opening view set: fitted when readable, else 100 % at Start (data-ready)");
        Console.WriteLine();
        var baseline = new List<double>();
        for (var i = 0; i <= repeats; i++)
        {
            var elapsed = await OpenStudioHomeAsync(context);
            if (i > 0) baseline.Add(elapsed);
        }
        var home = Median(baseline);
        Console.WriteLine($"baseline: the studio's journey list (/) until its rows are shown: p50 {home:0} ms (Blazor circuit start, layout, one query)");
        Console.WriteLine();
        Console.WriteLine($"{"nodes",6} {"links",6} {"open p50",10} {"min",8} {"max",8} {"ms/node",8} {"÷ 50-node",10} {"÷ baseline",11}");
        var medians = new Dictionary<int, double>();
        var phases = new Dictionary<int, Dictionary<string, double>>();
        foreach (var size in Sizes)
        {
            await OpenAsync(context, size); // warm-up: JIT of the server and first-use costs are not the designer's
            var times = new List<double>();
            var milestones = new List<Dictionary<string, double>>();
            var links = 0;
            for (var i = 0; i < repeats; i++)
            {
                var (elapsed, drawnLinks, seen) = await OpenAsync(context, size);
                times.Add(elapsed);
                milestones.Add(seen);
                links = drawnLinks;
            }
            medians[size] = Median(times);
            phases[size] = Phases.ToDictionary(p => p.Name, p => Median(milestones.Select(m => m.GetValueOrDefault(p.To) - m.GetValueOrDefault(p.From)).ToList()));
            Console.WriteLine($"{size,6} {links,6} {medians[size],7:0} ms {times.Min(),5:0} ms {times.Max(),5:0} ms {medians[size] / size,8:0.00} {medians[size] / medians[Sizes[0]],10:0.00} {medians[size] / home,11:0.00}");
        }
        Console.WriteLine();
        Console.WriteLine("where the open time goes (p50 of each phase, from the page's own milestones):");
        foreach (var (name, _, _, what) in Phases) Console.WriteLine($"  {name,-8} {what}");
        Console.WriteLine($"{"nodes",6} " + string.Join(" ", Phases.Select(p => $"{p.Name,10}")) + "  limited by");
        foreach (var size in Sizes)
        {
            var limit = phases[size].MaxBy(p => p.Value);
            Console.WriteLine($"{size,6} " + string.Join(" ", Phases.Select(p => $"{phases[size][p.Name],7:0} ms")) + $"  {limit.Key} ({limit.Value / phases[size].Values.Sum():P0})");
        }

        Console.WriteLine();
        var saves = await SaveAsync(context, 200, repeats);
        Console.WriteLine($"save of the 200-node journey after an edit (click on Save → toolbar shows the new draft revision, nothing unsaved): "
            + $"p50 {Median(saves):0} ms, min {saves.Min():0} ms, max {saves.Max():0} ms; ÷ baseline {Median(saves) / home:0.00}; ÷ open {Median(saves) / medians[200]:0.00}");
        Console.WriteLine("  (one round trip: the server writes the revision and its audit event, validates, re-syncs the canvas and sends the render)");
        return 0;
    }

    /// <summary>The phases of an open, between milestones of <see cref="MilestoneScript"/> (ms since navigation start).</summary>
    private static readonly (string Name, string From, string To, string What)[] Phases =
    [
        ("page", "start", "blazor", "navigation → the page and blazor.web.js loaded"),
        ("server", "blazor", "editor", "→ circuit started, journey read and validated, diagram built, first canvas render sent and applied"),
        ("measure", "editor", "ready", "→ browser layout, node and port sizes reported, links routed and drawn, opening view set (data-ready)"),
    ];

    private static string NameOf(int size) => $"Bench designer {size}";

    /// <summary>Opens the designer in a fresh page (its own circuit) and returns the time until it is drawn and ready.</summary>
    private static async Task<(double Milliseconds, int Links, Dictionary<string, double> Milestones)> OpenAsync(IBrowserContext context, int size)
    {
        var page = await context.NewPageAsync();
        try
        {
            var watch = Stopwatch.StartNew();
            await page.GotoAsync($"/journeys/{Uri.EscapeDataString(NameOf(size))}/edit", new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
            await WaitUntilReadyAsync(page, size + 3);
            var elapsed = watch.Elapsed.TotalMilliseconds;
            var links = await page.Locator("[data-testid=journey-link]").CountAsync();
            var milestones = await page.EvaluateAsync<string>("() => JSON.stringify(window.__benchMilestones)");
            if (Environment.GetEnvironmentVariable("BENCH_MILESTONES") is not null) Console.WriteLine("      " + milestones);
            var seen = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, double>>(milestones)!;
            seen["start"] = 0;
            return (elapsed, links, seen);
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    // Records when each stage of the designer's start was first seen, in ms since navigation start (BENCH_MILESTONES=1 prints them).
    private const string MilestoneScript = """
        (() => {
          const m = window.__benchMilestones = {};
          const seen = (k, ok) => { if (!(k in m) && ok) m[k] = Math.round(performance.now()); };
          const tick = () => {
            seen('dom', document.readyState !== 'loading');
            seen('blazor', !!window.Blazor);
            seen('editor', !!document.querySelector('[data-testid=journey-editor]'));
            seen('nodes', document.querySelectorAll('[data-testid=journey-node]').length > 0);
            const paths = [...document.querySelectorAll('.diagram-link path')];
            seen('links', paths.length > 0 && paths.every(p => (p.getAttribute('d') || '').length > 0));
            seen('ready', !!document.querySelector('[data-ready=true]'));
            if (!('ready' in m)) requestAnimationFrame(tick);
          };
          requestAnimationFrame(tick);
        })();
        """;

    private static async Task<double> OpenStudioHomeAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        var watch = Stopwatch.StartNew();
        await page.GotoAsync("/", new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
        await page.Locator("[data-testid=journey-row]").First.WaitForAsync();
        var elapsed = watch.Elapsed.TotalMilliseconds;
        await page.CloseAsync();
        return elapsed;
    }

    private static async Task WaitUntilReadyAsync(IPage page, int nodes) =>
        await page.WaitForFunctionAsync("""
            n => document.querySelector('[data-testid=journey-editor][data-ready=true]')
                 && document.querySelectorAll('[data-testid=journey-node]').length === n
                 && [...document.querySelectorAll('.diagram-link path')].every(p => (p.getAttribute('d') || '').length > 0)
            """, nodes, new PageWaitForFunctionOptions { PollingInterval = 10 });

    /// <summary>
    /// Saves the journey <paramref name="repeats"/> times (after one warm-up), each after renaming its first node in the
    /// property panel; timed from the click on Save until the toolbar shows the new draft revision with nothing unsaved.
    /// </summary>
    private static async Task<List<double>> SaveAsync(IBrowserContext context, int size, int repeats)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/journeys/{Uri.EscapeDataString(NameOf(size))}/edit");
        await WaitUntilReadyAsync(page, size + 3);
        var editor = page.Locator("[data-testid=journey-editor]");
        // The first node is next to Start, so it is in the opening view whatever the zoom.
        await page.Locator("[data-testid=journey-node][data-node-id=n0000] [data-testid=node-title]").ClickAsync();
        var times = new List<double>();
        for (var i = 0; i <= repeats; i++)
        {
            await page.Locator("[data-testid=prop-displayName]").FillAsync($"Bench page {i}");
            await page.Locator("[data-testid=prop-displayName]").PressAsync("Tab");
            await page.Locator("[data-testid=journey-editor][data-dirty=true]").WaitForAsync();
            var revision = int.Parse((await editor.GetAttributeAsync("data-revision"))!);
            var watch = Stopwatch.StartNew();
            await page.Locator("[data-testid=save]").ClickAsync();
            await page.WaitForFunctionAsync("""
                r => document.querySelector('[data-testid=revision-status] .jn-draft-tag')?.textContent.trim() === 'draft ' + r
                     && !document.querySelector('[data-testid=unsaved-chip]')
                     && !document.querySelector('[data-testid=save]').disabled
                """, revision + 1, new PageWaitForFunctionOptions { PollingInterval = 10 });
            if (i > 0) times.Add(watch.Elapsed.TotalMilliseconds); // the first save is the warm-up
        }
        await page.CloseAsync();
        return times;
    }

    private static async Task SignInAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/admin/login");
        await page.FillAsync("#username", StudioServer.AdminUsername);
        await page.FillAsync("#password", StudioServer.AdminPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/admin/login"), new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
        await page.CloseAsync();
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>
    /// A valid journey of <paramref name="size"/> nodes on a grid, ten to a row: repeating blocks of a Page
    /// (Platform Username + Platform Password), a Data Store Decision (false → Failure), a Retry Limit Decision
    /// (Reject → Failure) and a Username Collector, each leading to the next block; the last node goes to Success.
    /// </summary>
    public static Journey Generate(int size)
    {
        string[] pattern = [NodeTypeIds.PageNode, NodeTypeIds.DataStoreDecision, NodeTypeIds.RetryLimitDecision, NodeTypeIds.UsernameCollector];
        const int perRow = 10;
        var ids = Enumerable.Range(0, size).Select(i => $"n{i:D4}").ToList();
        var nodes = new List<JourneyNode>();
        for (var i = 0; i < size; i++)
        {
            var type = pattern[i % pattern.Length];
            var next = i + 1 < size ? ids[i + 1] : StaticNodeIds.Success;
            var connections = type switch
            {
                NodeTypeIds.DataStoreDecision => new Dictionary<string, string> { ["true"] = next, ["false"] = StaticNodeIds.Failure },
                NodeTypeIds.RetryLimitDecision => new Dictionary<string, string> { ["Retry"] = next, ["Reject"] = StaticNodeIds.Failure },
                _ => new Dictionary<string, string> { ["outcome"] = next },
            };
            var node = Node(type, ids[i]) with
            {
                X = 220 + i % perRow * 300,
                Y = 40 + i / perRow * 260,
                Connections = connections.ToImmutableDictionary(),
            };
            if (type == NodeTypeIds.PageNode)
                node = node with { Children = [Node(NodeTypeIds.PlatformUsername, ids[i] + "-user"), Node(NodeTypeIds.PlatformPassword, ids[i] + "-pass")] };
            nodes.Add(node);
        }
        var rows = (size + perRow - 1) / perRow;
        return new Journey
        {
            Name = NameOf(size),
            EntryNodeId = ids[0],
            Nodes = nodes.ToImmutableList(),
            StartPosition = new NodePosition(40, 40),
            SuccessPosition = new NodePosition(220 + perRow * 300, 40),
            FailurePosition = new NodePosition(220 + perRow * 300, 40 + rows * 130),
        };
    }

    private static JourneyNode Node(string typeId, string id)
    {
        var descriptor = NodeCatalog.Default.Find(typeId) ?? throw new InvalidOperationException($"Unknown node type {typeId}.");
        return new JourneyNode { Id = id, NodeType = typeId, DisplayName = descriptor.DisplayName, Config = descriptor.CreateDefaultConfig() };
    }
}
