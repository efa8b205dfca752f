using System.Collections.Immutable;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jint;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Journeys.Scripts;
using JourneyStudio.Runtime.Scripts;
using JourneyStudio.Testing;
using Microsoft.Extensions.DependencyInjection;

// `scripts [seconds]`: what a Scripted Decision step costs over a Message Node step (issue 13, item 8: at most 1 ms at p50).
// One client, in one run, alternating: two one-node journeys that send the same two callbacks (TextOutput + Confirmation)
// on start and decide on the submit, one by a Message Node, one by an AM legacy script. Then the script runner on its own,
// to show where a script step's time goes. Figures are as measured on whatever else the machine is doing.
internal static class ScriptBench
{
    private const string MessageJourney = "Bench Message";
    private const string ScriptJourney = "Bench Script";

    private const string Script = """
        var fr = JavaImporter(org.forgerock.openam.auth.node.api.Action,
            javax.security.auth.callback.TextOutputCallback, javax.security.auth.callback.ConfirmationCallback);
        if (callbacks.isEmpty()) {
            action = fr.Action.send(new fr.TextOutputCallback(fr.TextOutputCallback.INFORMATION, "Continue?"),
                new fr.ConfirmationCallback(0, ["Yes", "No"], 0)).build();
        } else {
            outcome = callbacks.get(1).getSelectedIndex() === 0 ? "true" : "false";
        }
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length > 0 && double.TryParse(args[0], out var s) ? s : 10;
        await using var server = StudioServer.Start(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Error" });
        await server.Services.GetRequiredService<ScriptStore>().SaveAsync(
            [new ScriptDefinition { Id = "bench-script", Name = "Bench script", Source = Script, SourceForm = ScriptSourceForm.Plain }], "bench");
        await SignOnJourneys.CreateAsync(server, OneNode(MessageJourney, NodeTypeIds.Message,
            ("message", new Dictionary<string, string> { ["en"] = "Continue?" }), ("messageYes", new Dictionary<string, string> { ["en"] = "Yes" }),
            ("messageNo", new Dictionary<string, string> { ["en"] = "No" })));
        await SignOnJourneys.CreateAsync(server, OneNode(ScriptJourney, NodeTypeIds.ScriptedDecision,
            ("script", "bench-script"), ("outcomes", new[] { "true", "false" })));

        Console.WriteLine($"JourneyStudio script step benchmark · {Environment.ProcessorCount} cores · 1 client · {seconds:0} s · {DateTime.UtcNow:u}");
        Console.WriteLine("(a shared machine: figures as measured, with whatever else runs on it)");
        using var http = server.CreateClient();
        // Warm-up: JIT, the journey cache, the script's parse.
        for (var i = 0; i < 200; i++) { await SignOnAsync(http, MessageJourney, null, null); await SignOnAsync(http, ScriptJourney, null, null); }

        var message = (Start: new List<double>(), Submit: new List<double>());
        var script = (Start: new List<double>(), Submit: new List<double>());
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            await SignOnAsync(http, MessageJourney, message.Start, message.Submit);
            await SignOnAsync(http, ScriptJourney, script.Start, script.Submit);
        }

        Console.WriteLine();
        Console.WriteLine($"{"step",-34} {"Message p50",12} {"Script p50",11} {"difference",11} {"n",7}");
        Row("start (node sends its callbacks)", message.Start, script.Start);
        Row("submit (node decides, Success)", message.Submit, script.Submit);

        // Where the script's time goes: the runner alone, with a script that does nothing, and with this one.
        var runner = server.Services.GetRequiredService<ScriptRunner>();
        var empty = new ScriptDefinition { Id = "empty", Name = "empty", Source = "outcome = 'true';" };
        var bench = new ScriptDefinition { Id = "bench", Name = "bench", Source = Script };
        var emptyRuns = Measure(() => runner.Run(Invocation(empty)));
        // The engine alone, made with the runner's limits: what a pool of engines would save at most of a run's set-up.
        var limits = server.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ScriptingOptions>>().Value;
        var engines = Measure(() => new Jint.Engine(o =>
        {
            o.Strict = false;
            o.TimeoutInterval(limits.Timeout);
            o.MaxStatements(limits.MaxStatements);
            o.LimitMemory(limits.MaxMemoryBytes);
            o.LimitRecursion(limits.MaxRecursionDepth);
            o.Constraints.MaxArraySize = limits.MaxArraySize;
            o.DisableStringCompilation();
        }));
        var benchRuns = Measure(() => runner.Run(Invocation(bench)));
        using (var scope = server.Services.CreateScope())
        {
            // The engine alone (no HTTP, no session store), starting each journey: the node's own cost.
            var engine = scope.ServiceProvider.GetRequiredService<JourneyStudio.Runtime.Engine.JourneyEngine>();
            var messageStarts = Measure(() => engine.StartAsync(MessageJourney, "alpha").AsTask().GetAwaiter().GetResult());
            var scriptStarts = Measure(() => engine.StartAsync(ScriptJourney, "alpha").AsTask().GetAwaiter().GetResult());
            Console.WriteLine();
            Console.WriteLine($"JourneyEngine.StartAsync in process: Message p50 {P50(messageStarts):0.000} ms, Script p50 {P50(scriptStarts):0.000} ms, "
                + $"difference {P50(scriptStarts) - P50(messageStarts):+0.000;-0.000} ms");
        }
        var store = server.Services.GetRequiredService<IScriptSource>();
        var lookups = Measure(() => store.FindAsync("bench-script").GetAwaiter().GetResult());
        Console.WriteLine();
        Console.WriteLine($"The script's lookup (IScriptSource.FindAsync, once per step): p50 {P50(lookups):0.000} ms");
        Console.WriteLine("ScriptRunner.Run in process (parse cached):");
        Console.WriteLine($"  a one-statement script:   p50 {P50(emptyRuns):0.000} ms  (a fresh Jint engine, the AM bindings run, the decision read back)");
        Console.WriteLine($"  the benchmark's script:   p50 {P50(benchRuns):0.000} ms");
        Console.WriteLine($"  of which a new Jint engine with the runner's limits: p50 {P50(engines):0.000} ms; the rest of a one-statement run "
            + $"(input JSON, the AM bindings script, the decision read back): {P50(emptyRuns) - P50(engines):0.000} ms");
        return 0;
    }

    private static void Row(string name, List<double> message, List<double> script) =>
        Console.WriteLine($"{name,-34} {P50(message),9:0.000} ms {P50(script),8:0.000} ms {P50(script) - P50(message),8:+0.000;-0.000} ms {script.Count,7}");

    private static ScriptInvocation Invocation(ScriptDefinition script) =>
        new() { Script = script, SharedState = new JsonObject(), TransientState = new JsonObject(), Realm = "/alpha" };

    private static List<double> Measure(Action run)
    {
        for (var i = 0; i < 200; i++) run();
        var times = new List<double>();
        for (var i = 0; i < 2000; i++)
        {
            var watch = Stopwatch.StartNew();
            run();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        return times;
    }

    private static double P50(List<double> values)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static Journey OneNode(string name, string type, params (string Key, object Value)[] config) => new()
    {
        Name = name,
        EntryNodeId = "node",
        Nodes =
        [
            new JourneyNode
            {
                Id = "node",
                NodeType = type,
                DisplayName = type,
                Config = NodeConfig.FromObject(config.Select(c => KeyValuePair.Create<string, object?>(c.Key, c.Value))),
                Connections = ImmutableDictionary<string, string>.Empty.Add("true", StaticNodeIds.Success).Add("false", StaticNodeIds.Failure),
            },
        ],
    };

    private static async Task SignOnAsync(HttpClient http, string journey, List<double>? start, List<double>? submit)
    {
        var url = $"json/realms/root/realms/alpha/authenticate?authIndexType=service&authIndexValue={Uri.EscapeDataString(journey)}";
        var watch = Stopwatch.StartNew();
        var step = await PostAsync(http, url, new JsonObject());
        start?.Add(watch.Elapsed.TotalMilliseconds);
        if (step?["callbacks"] is not JsonArray callbacks) throw new InvalidOperationException($"{journey}: no step ({step?.ToJsonString()}).");
        foreach (var callback in callbacks)
            if (callback!["type"]!.GetValue<string>() == "ConfirmationCallback") callback["input"]![0]!["value"] = 0;
        watch.Restart();
        var done = await PostAsync(http, url, step);
        submit?.Add(watch.Elapsed.TotalMilliseconds);
        if (done?["successUrl"] is null) throw new InvalidOperationException($"{journey}: not a success ({done?.ToJsonString()}).");
    }

    private static async Task<JsonObject?> PostAsync(HttpClient http, string url, JsonObject body)
    {
        using var response = await http.PostAsJsonAsync(url, body);
        try { return await response.Content.ReadFromJsonAsync<JsonObject>(); }
        catch (JsonException) { return null; }
    }
}
