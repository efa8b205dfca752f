using Microsoft.Extensions.Logging;

namespace JourneyStudio.Runtime.Tests.Support;

public sealed record LogEntry(LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Values);

/// <summary>Keeps log entries (with their structured values) for assertions.</summary>
public sealed class ListLogger<T> : ILogger<T>
{
    public List<LogEntry> Entries { get; } = [];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? pairs.ToDictionary(p => p.Key, p => p.Value)
            : new Dictionary<string, object?>();
        Entries.Add(new LogEntry(logLevel, formatter(state, exception), values));
    }
}
