using JourneyStudio.OpenIdConnect.Clients;
using OpenIddict.Abstractions;

namespace JourneyStudio.OpenIdConnect.Endpoints;

/// <summary>
/// Which journey an authorization request signs on with. The journey is the assurance: an app that needs MFA asks for
/// an MFA journey. AM's <c>service</c> (or <c>authIndexType=service&amp;authIndexValue=</c>) names one outright;
/// <c>acr_values</c> lists preferences, of which the first the client may use wins (OIDC Core 3.1.2.1: voluntary; the
/// whole value is tried first, as one journey name with spaces);
/// otherwise the client's default journey runs.
/// </summary>
internal abstract record JourneyChoice
{
    private JourneyChoice() { }

    /// <summary>The client asked for this journey: only a session made by it will do.</summary>
    public sealed record Requested(string Journey) : JourneyChoice;

    /// <summary>No preference: any session from a journey the client may use will do; a new sign-on runs the default.</summary>
    public sealed record Default(string Journey, OAuthClient Client) : JourneyChoice;

    /// <summary>The request names a journey the client may not use.</summary>
    public sealed record NotAllowed(string Journey) : JourneyChoice;

    /// <summary>The client has no default journey and the realm none either.</summary>
    public sealed record NoneConfigured : JourneyChoice;

    /// <summary>The journey a new sign-on runs, when there is one.</summary>
    public string? JourneyToRun => this switch
    {
        Requested r => r.Journey,
        Default d => d.Journey,
        _ => null,
    };

    /// <summary>Whether a session made by <paramref name="journeyThatRan"/> satisfies the choice.</summary>
    public bool Accepts(string journeyThatRan) => this switch
    {
        Requested r => string.Equals(r.Journey, journeyThatRan, StringComparison.Ordinal),
        Default d => d.Client.AllowsJourney(journeyThatRan) || string.Equals(d.Journey, journeyThatRan, StringComparison.Ordinal),
        _ => false,
    };

    public static JourneyChoice For(OAuthClient client, OpenIddictRequest request, string? realmDefault)
    {
        var named = (string?)request["service"]
                    ?? ((string?)request["authIndexType"] == "service" ? (string?)request["authIndexValue"] : null);
        if (!string.IsNullOrEmpty(named))
            return client.AllowsJourney(named) ? new Requested(named) : new NotAllowed(named);
        // acr_values is a space-separated list, but journey names may have spaces: the whole value names one first.
        if (request.AcrValues is { Length: > 0 } whole && client.AllowsJourney(whole.Trim())) return new Requested(whole.Trim());
        foreach (var acr in request.GetAcrValues())
            if (client.AllowsJourney(acr)) return new Requested(acr);
        var fallback = client.DefaultJourney ?? client.Journeys.FirstOrDefault() ?? realmDefault;
        return fallback is null ? new NoneConfigured() : new Default(fallback, client);
    }
}
