using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace JourneyStudio.Web.Tests.Operations;

/// <summary>
/// Keeps every log line the studio writes with the scope fields open at that moment, as a structured log sink
/// (JSON console, OpenTelemetry) receives them.
/// </summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<CapturedLog> Entries => _entries.ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scope = new Dictionary<string, object?>();
            owner._scopes.ForEachScope((value, fields) =>
            {
                if (value is IEnumerable<KeyValuePair<string, object?>> pairs)
                    foreach (var (key, item) in pairs) fields[key] = item;
            }, scope);
            var properties = state is IEnumerable<KeyValuePair<string, object?>> values
                ? values.ToDictionary(v => v.Key, v => v.Value)
                : [];
            owner._entries.Enqueue(new CapturedLog(category, logLevel, formatter(state, exception), properties, scope));
        }
    }
}

/// <param name="Properties">The message template's values (e.g. <c>SessionId</c>).</param>
/// <param name="Scope">Every field of every scope open when the line was written.</param>
public sealed record CapturedLog(
    string Category,
    LogLevel Level,
    string Message,
    IReadOnlyDictionary<string, object?> Properties,
    IReadOnlyDictionary<string, object?> Scope)
{
    public string? ScopeValue(string field) => Scope.TryGetValue(field, out var value) ? value?.ToString() : null;
}
