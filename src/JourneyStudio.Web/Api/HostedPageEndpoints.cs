using System.Text.Json;
using JourneyStudio.Runtime.Mfa;

namespace JourneyStudio.Web.Api;

/// <summary>
/// The hosted sign-on pages: <c>/login</c> (any journey, default the realm's), <c>/account</c>, and the QR
/// renderer the login page uses for registration steps. The pages are static clients of the REST API; all
/// server text reaches the DOM through textContent.
/// </summary>
public static class HostedPageEndpoints
{
    /// <summary>A registration URI is a few hundred bytes; 2 KB leaves room and keeps the QR code scannable.</summary>
    public const int MaxQrTextBytes = 2048;

    public static void MapHostedPageEndpoints(this WebApplication app)
    {
        var assets = StudioProgram.FindBesideProgram("wwwroot-assets");
        app.MapGet("/login", (HttpContext http) => Page(http, Path.Combine(assets, "login.html"))).AllowAnonymous();
        app.MapGet("/account", (HttpContext http) => Page(http, Path.Combine(assets, "account.html"))).AllowAnonymous();
        app.MapPost("/login/qr", (Func<HttpContext, Task<IResult>>)RenderQrAsync).AllowAnonymous();
        app.MapGet("/login/push-delivery", (Func<HttpContext, Task<IResult>>)PushDeliveryAsync).AllowAnonymous();
    }

    private static IResult Page(HttpContext http, string file)
    {
        // Always fresh (a new deploy changes the scripts) and never framed by another site.
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.XFrameOptions = "DENY";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
        return Results.File(file, "text/html; charset=utf-8");
    }

    /// <summary>
    /// How the realm delivers pushes (<c>embedded</c> or <c>sns</c>), so that the page can point users at the virtual
    /// authenticator when the phone app would never receive them. No credentials, only the transport's name.
    /// </summary>
    private static async Task<IResult> PushDeliveryAsync(HttpContext http)
    {
        var realm = http.Request.Query["realm"].ToString();
        if (realm.Length == 0) realm = JourneyStudio.Runtime.Realms.RealmNames.Alpha;
        if (!JourneyStudio.Runtime.Realms.RealmNames.IsKnown(realm))
            return AmErrors.Result(400, $"There is no realm '{realm}'; use alpha or root.");
        // The display view: it names the transport without decrypting the realm's SNS secret.
        var services = await http.RequestServices.GetRequiredService<JourneyStudio.Runtime.Realms.RealmServiceStore>()
            .GetAsync(realm, http.RequestAborted);
        http.Response.Headers.CacheControl = "no-store";
        return Results.Json(new { realm, transport = services.Transport.Value });
    }

    private static async Task<IResult> RenderQrAsync(HttpContext http)
    {
        var body = await RequestJson.ReadAsync(http.Request, MaxQrTextBytes * 8);
        if (body is RequestJsonBody.TooLarge) return AmErrors.Result(400, $"The QR text must be at most {MaxQrTextBytes} bytes.");
        if (AmErrors.Refusal(body) is { } refused) return refused;
        var text = body is RequestJsonBody.Parsed { Root: { ValueKind: JsonValueKind.Object } root }
                   && root.TryGetProperty("text", out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
        if (string.IsNullOrEmpty(text))
            return AmErrors.Result(400, "Send the text to encode as {\"text\": \"...\"}.");
        if (System.Text.Encoding.UTF8.GetByteCount(text) > MaxQrTextBytes)
            return AmErrors.Result(400, $"The QR text must be at most {MaxQrTextBytes} bytes.");

        var svg = QrCodes.RenderSvg(text);
        // The URI in it may carry a secret: never cache it.
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.Text(svg, "image/svg+xml", System.Text.Encoding.UTF8);
    }
}
