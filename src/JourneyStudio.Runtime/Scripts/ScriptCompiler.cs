using System.Collections.Concurrent;
using Acornima.Ast;
using Jint;
using Microsoft.Extensions.Options;

namespace JourneyStudio.Runtime.Scripts;

/// <summary>A parse of a script's text: the prepared script, or where the text is not JavaScript (line and column from 1, as editors count).</summary>
public sealed record ScriptCompilation(Prepared<Script>? Prepared, int? ErrorLine, int? ErrorColumn, string? Error)
{
    public bool Succeeded => Prepared is not null;
}

/// <summary>
/// Parses script texts once and keeps the result (Jint's <c>Engine.PrepareScript</c>), so a step that runs a script
/// only executes it. Keyed by name and text (error locations carry the name): a saved change is a new entry, and the oldest
/// entries go when the cache is full.
/// </summary>
public sealed class ScriptCompiler(IOptions<ScriptingOptions> options)
{
    private readonly ConcurrentDictionary<string, ScriptCompilation> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    /// <summary>The parse of <paramref name="source"/>; <paramref name="name"/> is what error locations are reported against.</summary>
    public ScriptCompilation Compile(string source, string name)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(name);
        var key = name + "\0" + source;
        if (_cache.TryGetValue(key, out var cached)) return cached;
        var compilation = Parse(source, name);
        if (_cache.TryAdd(key, compilation))
        {
            _order.Enqueue(key);
            while (_cache.Count > options.Value.CacheSize && _order.TryDequeue(out var oldest)) _cache.TryRemove(oldest, out _);
        }
        return compilation;
    }

    private static ScriptCompilation Parse(string source, string name)
    {
        try
        {
            return new ScriptCompilation(Jint.Engine.PrepareScript(source, name, strict: false), null, null, null);
        }
        catch (Acornima.ParseErrorException e)
        {
            return Failed(e);
        }
        catch (ScriptPreparationException e) when (e.InnerException is Acornima.ParseErrorException parse)
        {
            return Failed(parse);
        }
    }

    // Acornima counts columns from 0 (its message says "name:line:column+1").
    private static ScriptCompilation Failed(Acornima.ParseErrorException e) => new(null, e.LineNumber, e.Column + 1, e.Message);
}
