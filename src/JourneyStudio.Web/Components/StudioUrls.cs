namespace JourneyStudio.Web.Components;

/// <summary>The studio pages' links to a journey: its designer and its sign-on preview, built in one place.</summary>
public static class StudioUrls
{
    /// <summary>
    /// The address users reach the studio at (behind a proxy, say); when unset, the address the admin's browser used.
    /// The runtime's push nodes read the same key for the URLs they give authenticator apps.
    /// </summary>
    public const string PublicBaseUrlSetting = "JourneyStudio:PublicBaseUrl";

    /// <summary>The designer of the journey.</summary>
    public static string Editor(string journeyName) => $"/journeys/{Uri.EscapeDataString(journeyName)}/edit";

    /// <summary>Where an admin signs on through the journey as a test user: absolute, from the public base URL when one is set.</summary>
    /// <param name="previewToken">A signed preview link's token (a draft revision), or null for the journey's live revision.</param>
    public static string Preview(IConfiguration configuration, string browserBaseUri, string journeyName, string? previewToken = null)
    {
        var configured = configuration[PublicBaseUrlSetting];
        var baseUrl = string.IsNullOrWhiteSpace(configured) ? browserBaseUri : configured.Trim();
        var url = $"{baseUrl.TrimEnd('/')}/login?journey={Uri.EscapeDataString(journeyName)}";
        return previewToken is null ? url : $"{url}&preview={Uri.EscapeDataString(previewToken)}";
    }
}
