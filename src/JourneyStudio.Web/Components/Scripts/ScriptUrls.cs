namespace JourneyStudio.Web.Components.Scripts;

/// <summary>The Scripts pages' addresses.</summary>
public static class ScriptUrls
{
    public const string List = "/scripts";

    /// <summary>The editor of the script with AM id <paramref name="scriptId"/>.</summary>
    public static string Editor(string scriptId) => $"/scripts/{Uri.EscapeDataString(scriptId)}";
}
