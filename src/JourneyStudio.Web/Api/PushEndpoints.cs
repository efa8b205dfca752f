using JourneyStudio.Runtime.Push;
using JourneyStudio.Runtime.Push.Embedded;
using JourneyStudio.Runtime.Realms;

namespace JourneyStudio.Web.Api;

/// <summary>
/// The device side of push MFA: AM's unauthenticated <c>push/sns/message</c> resource that authenticator apps
/// post to (am-protocol 4.5, 4.7), and the embedded transport's inbox that the virtual authenticator polls.
/// </summary>
public static class PushEndpoints
{
    /// <summary>Device bodies are a message id and a JWT of a few hundred bytes; anything far larger is not a device.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>The device endpoints, the virtual device's inbox and the virtual authenticator page (<c>GET /authenticator</c>).</summary>
    public static void MapPushEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/authenticator", (HttpContext http) =>
            {
                // A page holding MFA secrets: never framed, never cached, scripts only from here.
                http.Response.Headers.CacheControl = "no-store";
                http.Response.Headers["Referrer-Policy"] = "no-referrer";
                http.Response.Headers.ContentSecurityPolicy =
                    "default-src 'self'; img-src 'self' data: blob: https:; connect-src 'self' http: https:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
                return Results.File(Path.Combine(StudioProgram.FindBesideProgram("wwwroot-assets"), "authenticator.html"), "text/html; charset=utf-8");
            })
            .AllowAnonymous();
        app.MapPost("/json/realms/root/realms/{realm}/push/sns/message", (HttpContext http, PushMessageResponder responder) => RespondAsync(http, responder))
            .AllowAnonymous().DisableAntiforgery();
        app.MapPost("/json/realms/root/push/sns/message", (HttpContext http, PushMessageResponder responder) => RespondAsync(http, responder))
            .AllowAnonymous().DisableAntiforgery();

        // The device token in the path is the credential: a random secret only the virtual device knows.
        app.MapGet("/virtual-authenticator/api/inbox/{deviceToken}", async (string deviceToken, VirtualInbox inbox, HttpContext http, CancellationToken cancellationToken) =>
            {
                http.Response.Headers.CacheControl = "no-store";
                if (deviceToken.Length is < EmbeddedPushTransport.MinDeviceTokenLength or > EmbeddedPushTransport.MaxDeviceTokenLength)
                    return AmErrors.Result(StatusCodes.Status400BadRequest, "The device token has the wrong length.");
                var messages = await inbox.TakeAsync(deviceToken, cancellationToken);
                return Results.Json(new
                {
                    messages = messages.Select(m => new
                    {
                        messageId = m.MessageId,
                        message = m.Jwt,
                        userMessage = m.UserMessage,
                        pushType = m.PushType.ToString().ToLowerInvariant(),
                    }),
                });
            })
            .AllowAnonymous();
    }

    private static async Task<IResult> RespondAsync(HttpContext http, PushMessageResponder responder)
    {
        var action = http.Request.Query["_action"].ToString();
        var body = await RequestJson.ReadAsync(http.Request, MaxBodyBytes, PushMessageResponder.MaxDepth);
        if (AmErrors.Refusal(body) is { } refused) return refused;
        var realm = http.Request.RouteValues["realm"] as string ?? RealmNames.Root;
        var result = await responder.HandleAsync(action, (body as RequestJsonBody.Parsed)?.Root, http.RequestAborted, realm);
        return result switch
        {
            PushResponseResult.Rejected rejected => AmErrors.Result(StatusCodes.Status400BadRequest, rejected.Message),
            _ => Results.Json(new { }),
        };
    }
}
