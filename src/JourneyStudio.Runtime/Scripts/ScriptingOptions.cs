namespace JourneyStudio.Runtime.Scripts;

/// <summary>
/// The sandbox every script runs in, bound from <c>JourneyStudio:Scripting</c>. A script that passes a limit ends its step
/// as a failed sign-on naming the limit; the request thread is never held longer than <see cref="Timeout"/>.
/// </summary>
public sealed class ScriptingOptions
{
    public const string SectionName = "JourneyStudio:Scripting";

    /// <summary>Wall-clock time one script run may take (an endless loop stops here).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>JavaScript statements one run may execute.</summary>
    public int MaxStatements { get; set; } = 1_000_000;

    /// <summary>Bytes one run may allocate (Jint counts the thread's allocations), e.g. a string or array grown without end.</summary>
    public long MaxMemoryBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>How deep JavaScript calls may nest (a function that calls itself without end stops here).</summary>
    public int MaxRecursionDepth { get; set; } = 100;

    /// <summary>The longest array a script may create.</summary>
    public uint MaxArraySize { get; set; } = 1_000_000;

    /// <summary>Parsed scripts kept for reuse, by text.</summary>
    public int CacheSize { get; set; } = 256;

    /// <summary>The hosts <c>httpClient</c> may reach (exact host names, or <c>*.example.com</c> for subdomains); none by default.</summary>
    public List<string> HttpAllowedHosts { get; set; } = [];

    /// <summary>How long one <c>httpClient</c> request may take.</summary>
    public TimeSpan HttpTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>What is wrong with the settings, each naming its setting; empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Timeout <= TimeSpan.Zero) problems.Add($"{SectionName}:Timeout must be a positive duration such as 00:00:02 (it is {Timeout}).");
        if (MaxStatements < 1) problems.Add($"{SectionName}:MaxStatements must be at least 1 (it is {MaxStatements}).");
        if (MaxMemoryBytes < 1024 * 1024) problems.Add($"{SectionName}:MaxMemoryBytes must be at least 1048576 (it is {MaxMemoryBytes}).");
        if (MaxRecursionDepth < 1) problems.Add($"{SectionName}:MaxRecursionDepth must be at least 1 (it is {MaxRecursionDepth}).");
        if (MaxArraySize < 1) problems.Add($"{SectionName}:MaxArraySize must be at least 1 (it is {MaxArraySize}).");
        if (CacheSize < 1) problems.Add($"{SectionName}:CacheSize must be at least 1 (it is {CacheSize}).");
        if (HttpTimeout <= TimeSpan.Zero) problems.Add($"{SectionName}:HttpTimeout must be a positive duration such as 00:00:10 (it is {HttpTimeout}).");
        foreach (var host in HttpAllowedHosts)
            if (string.IsNullOrWhiteSpace(host) || host.Contains('/') || host.Contains(':'))
                problems.Add($"{SectionName}:HttpAllowedHosts entries must be host names such as api.example.com or *.example.com (found '{host}').");
        return problems;
    }

    /// <summary>True when <paramref name="host"/> is listed (letter case ignored).</summary>
    public bool AllowsHost(string host) =>
        HttpAllowedHosts.Any(allowed => allowed.StartsWith("*.", StringComparison.Ordinal)
            ? host.EndsWith(allowed[1..], StringComparison.OrdinalIgnoreCase) && host.Length > allowed.Length - 1
            : string.Equals(host, allowed, StringComparison.OrdinalIgnoreCase));
}
