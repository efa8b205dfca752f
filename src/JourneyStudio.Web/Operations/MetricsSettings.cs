namespace JourneyStudio.Web.Operations;

/// <summary>
/// <c>JourneyStudio:Metrics</c>: whether the Prometheus endpoint exists and where. It is served on the studio's own
/// port to admins only (the admin API's authentication), so it never needs a port or firewall rule of its own.
/// </summary>
public sealed record MetricsSettings(bool Enabled, string Path)
{
    public const string SectionName = "JourneyStudio:Metrics";
    public const string DefaultPath = "/metrics";

    /// <summary>Reads and checks the section; a bad value stops the studio with a message naming the setting.</summary>
    public static MetricsSettings Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(SectionName);
        var enabledText = section["Enabled"];
        var enabled = true;
        if (!string.IsNullOrWhiteSpace(enabledText) && !bool.TryParse(enabledText.Trim(), out enabled))
            throw new InvalidOperationException($"{SectionName}:Enabled must be true or false, not '{enabledText}'.");

        var path = section["Path"];
        path = string.IsNullOrWhiteSpace(path) ? DefaultPath : path.Trim();
        if (!path.StartsWith('/') || path.Length < 2 || path.StartsWith("//") || path.IndexOfAny(['?', '#', '{', '}', '*', ' ']) >= 0)
            throw new InvalidOperationException(
                $"{SectionName}:Path must be a path such as {DefaultPath} (starting with one '/', without query, spaces or route parameters), not '{path}'.");
        return new MetricsSettings(enabled, path);
    }
}
