namespace JourneyStudio.Journeys.Model;

/// <summary>The fixed ids AM uses for the static nodes of every tree.</summary>
public static class StaticNodeIds
{
    /// <summary>Layout-only id of the Start node; it is never a connection target.</summary>
    public const string Start = "startNode";
    public const string Success = "70e691a5-1e33-4ac3-a356-e7b6d60d92e0";
    public const string Failure = "e301438c-0bd0-429c-ab0c-66126501069a";

    public static bool IsTerminal(string nodeId) => nodeId is Success or Failure;

    public static bool IsStatic(string nodeId) => nodeId is Start or Success or Failure;
}
