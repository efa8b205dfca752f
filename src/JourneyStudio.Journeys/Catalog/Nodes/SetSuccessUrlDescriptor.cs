namespace JourneyStudio.Journeys.Catalog.Nodes;

/// <summary>The settings of Set Success URL (AM's SetSuccessUrlNode.Config).</summary>
public sealed record SetSuccessUrlConfig
{
    /// <summary>An absolute http(s) URL or a path on the studio: a client follows it, so no other scheme (javascript:) may get in.</summary>
    public const string UrlPattern = @"^(https?://\S+|/\S*)$";

    [NodeProperty("successUrl", "Success URL", Required = true,
        Pattern = UrlPattern, PatternDescription = "an http:// or https:// URL, or a path starting with /",
        Help = "Where the user goes after signing on: the authenticate response's successUrl, which the hosted pages and the SDKs follow.")]
    public string? SuccessUrl { get; init; }
}

/// <summary>Set Success URL: puts the configured URL into shared state as <c>successUrl</c>, to be returned when the sign-on succeeds.</summary>
public sealed class SetSuccessUrlDescriptor : SingleOutcomeNodeDescriptor<SetSuccessUrlConfig>
{
    public override string TypeId => NodeTypeIds.SetSuccessUrl;
    public override string DisplayName => "Success URL";
    public override string Category => NodeCategories.Utilities;
    public override string Description => "Sets the URL the user is sent to when the journey ends in Success.";
}
