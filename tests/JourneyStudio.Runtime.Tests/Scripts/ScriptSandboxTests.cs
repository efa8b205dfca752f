using System.Diagnostics;
using JourneyStudio.Journeys.Scripts;
using JourneyStudio.Runtime.Scripts;

namespace JourneyStudio.Runtime.Tests.Scripts;

/// <summary>What a script cannot do: run forever, eat memory, recurse without end, compile strings, reach the CLR.</summary>
public sealed class ScriptSandboxTests
{
    private readonly ScriptHarness _harness = new();

    [Fact]
    public void AnEndlessLoop_StopsAtTheTimeLimit()
    {
        _harness.Options.Timeout = TimeSpan.FromMilliseconds(200);
        _harness.Options.MaxStatements = int.MaxValue;
        var clock = Stopwatch.StartNew();

        var failure = _harness.Fails("while (true) { }");

        Assert.Equal(ScriptFailureKind.TimeLimit, failure.Kind);
        Assert.Contains("JourneyStudio:Scripting:Timeout", failure.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public void AnEndlessLoop_StopsAtTheStatementLimit()
    {
        _harness.Options.MaxStatements = 10_000;

        var failure = _harness.Fails("var i = 0; while (true) { i++; }");

        Assert.Equal(ScriptFailureKind.StatementLimit, failure.Kind);
    }

    [Fact]
    public void AHugeAllocation_StopsAtTheMemoryLimit()
    {
        _harness.Options.MaxMemoryBytes = 16 * 1024 * 1024;

        var failure = _harness.Fails("var chunks = []; while (true) { chunks.push(new Array(10000).fill('xxxxxxxx')); }");

        Assert.Equal(ScriptFailureKind.MemoryLimit, failure.Kind);
    }

    [Fact]
    public void AHugeArray_StopsAtTheArrayLimit()
    {
        var failure = _harness.Fails("var a = new Array(2000000000).fill(0);");

        Assert.Equal(ScriptFailureKind.MemoryLimit, failure.Kind);
    }

    [Fact]
    public void AHugeString_StopsCleanly()
    {
        var failure = _harness.Fails("var s = 'x'.repeat(1000000000); outcome = s.length;");

        Assert.Contains(failure.Kind, new[] { ScriptFailureKind.MemoryLimit, ScriptFailureKind.RuntimeError });
    }

    [Fact]
    public void DeepRecursion_StopsAtTheRecursionLimit()
    {
        var failure = _harness.Fails("function down(n) { return down(n + 1); }\noutcome = down(0);");

        Assert.Equal(ScriptFailureKind.RecursionLimit, failure.Kind);
        Assert.Contains("MaxRecursionDepth", failure.Message);
    }

    [Theory]
    [InlineData("eval('1 + 1')")]
    [InlineData("new Function('return 1')()")]
    [InlineData("Function('return 1')()")]
    [InlineData("(function(){}).constructor('return 1')()")]
    public void StringCompilation_IsRefused(string expression)
    {
        var failure = _harness.Fails($"var x = {expression};\noutcome = 'true';");

        Assert.Equal(ScriptFailureKind.RuntimeError, failure.Kind);
        Assert.Equal(1, failure.Line);
    }

    [Fact]
    public void NoClrOrHostFunction_IsReachable()
    {
        var decision = _harness.Run("""
            outcome = [typeof System, typeof importNamespace, typeof clr, typeof __journeyStudioHttp, typeof __journeyStudioLog,
                       typeof __journeyStudioInput, typeof host].join(",");
            """);

        Assert.Equal("undefined,undefined,undefined,undefined,undefined,undefined,undefined", decision.Outcome);
    }

    [Fact]
    public void ASyntaxError_NamesTheScriptAndTheLine()
    {
        var failure = _harness.Fails("var a = 1;\nvar b = ;\noutcome = 'true';");

        Assert.Equal(ScriptFailureKind.SyntaxError, failure.Kind);
        Assert.Equal(2, failure.Line);
        Assert.StartsWith("Script 'test script' failed at line 2:", failure.Message);
    }

    [Fact]
    public void AThrownError_NamesTheScriptAndTheLine()
    {
        var failure = _harness.Fails("var a = 1;\n\nvar b = null;\nb.missing();");

        Assert.Equal(ScriptFailureKind.RuntimeError, failure.Kind);
        Assert.Equal(4, failure.Line);
    }

    [Fact]
    public void AScriptThatDecidesNothing_Fails()
    {
        Assert.Equal(ScriptFailureKind.NoOutcome, _harness.Fails("var a = 1;").Kind);
    }

    [Fact]
    public void AGroovyScript_DoesNotRun()
    {
        var runner = _harness.CreateRunner();

        var failure = Assert.Throws<ScriptFailureException>(() => runner.Run(new ScriptInvocation
        {
            Script = ScriptHarness.Script("outcome = 'true'", language: ScriptDefinition.Groovy),
            SharedState = [], TransientState = [], Realm = "/alpha",
        }));

        Assert.Equal(ScriptFailureKind.NotRunnable, failure.Kind);
    }

    [Fact]
    public void TheCompiler_ParsesEachTextOnce()
    {
        var compiler = new ScriptCompiler(Microsoft.Extensions.Options.Options.Create(new ScriptingOptions { CacheSize = 2 }));

        var first = compiler.Compile("outcome = 'a';", "a");
        var again = compiler.Compile("outcome = 'a';", "a");
        compiler.Compile("outcome = 'b';", "b");
        compiler.Compile("outcome = 'c';", "c");
        var afterEviction = compiler.Compile("outcome = 'a';", "a");

        Assert.Same(first, again);
        Assert.NotSame(first, afterEviction);
    }
}
