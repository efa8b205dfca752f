namespace JourneyStudio.Runtime.Scripts;

/// <summary>Why a script did not decide its node.</summary>
public enum ScriptFailureKind
{
    /// <summary>The text is not valid JavaScript.</summary>
    SyntaxError,
    /// <summary>The script threw (a JavaScript error, or a binding refused what it asked).</summary>
    RuntimeError,
    /// <summary>It ran longer than <c>JourneyStudio:Scripting:Timeout</c>.</summary>
    TimeLimit,
    /// <summary>It ran more statements than <c>JourneyStudio:Scripting:MaxStatements</c>.</summary>
    StatementLimit,
    /// <summary>It allocated more than <c>JourneyStudio:Scripting:MaxMemoryBytes</c> (or an array beyond <c>MaxArraySize</c>).</summary>
    MemoryLimit,
    /// <summary>Its calls nested deeper than <c>JourneyStudio:Scripting:MaxRecursionDepth</c>.</summary>
    RecursionLimit,
    /// <summary>It set neither <c>outcome</c> nor an action.</summary>
    NoOutcome,
    /// <summary>It chose an outcome the node does not list.</summary>
    UnknownOutcome,
    /// <summary>The script is Groovy, which the studio does not run.</summary>
    NotRunnable,
    /// <summary>The node names a script that does not exist.</summary>
    ScriptMissing,
}

/// <summary>A script could not decide its node; <see cref="Exception.Message"/> names the script and, where known, the line.</summary>
public sealed class ScriptFailureException(ScriptFailureKind kind, string scriptName, int? line, string detail, Exception? inner = null)
    : Exception(Describe(scriptName, line, detail), inner)
{
    public ScriptFailureKind Kind { get; } = kind;

    public string ScriptName { get; } = scriptName;

    /// <summary>The script line (1-based) the failure happened at, when known.</summary>
    public int? Line { get; } = line;

    public string Detail { get; } = detail;

    private static string Describe(string scriptName, int? line, string detail) =>
        line is { } l ? $"Script '{scriptName}' failed at line {l}: {detail}" : $"Script '{scriptName}' failed: {detail}";
}
