namespace JourneyStudio.Runtime.Engine;

public sealed class JourneyEngineOptions
{
    /// <summary>
    /// Node runs allowed in one request. Stops journeys whose wiring loops without ever asking the user
    /// for input (e.g. Retry Limit wired back into itself), which would otherwise spin forever.
    /// </summary>
    public int MaxNodeVisitsPerRequest { get; set; } = 500;

    /// <summary>How deep Inner Tree Evaluators may nest; a journey that includes itself stops here.</summary>
    public int MaxInnerJourneyDepth { get; set; } = 10;
}
