using System.Net;
using Microsoft.AspNetCore.Antiforgery;

namespace JourneyStudio.Web.Security;

/// <summary>
/// The studio's own form posts (sign in, sign out) check their antiforgery token here, not through the
/// framework's form binding: that one throws when the token is missing, which the developer exception page
/// shows with a stack trace and production answers with an empty 400. A refused post gets a small HTML page
/// that says what happened and links back to the sign-in page.
/// </summary>
public static class StudioFormPosts
{
    /// <summary>Endpoints of a group with this filter read their fields from <c>HttpRequest.Form</c>, already read and checked.</summary>
    public static async ValueTask<object?> ValidateAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!http.Request.HasFormContentType)
            return Refused("The request is not a form post.");
        try
        {
            await http.Request.ReadFormAsync(http.RequestAborted);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            return Refused("The form could not be read.");
        }
        // The token is tied to the antiforgery cookie and to who is signed in: another site's page cannot know it.
        var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
        if (!await antiforgery.IsRequestValidAsync(http))
            return Refused("The form's security token is missing or has expired (for example after a restart, or when the page was open for a long time).");
        return await next(context);
    }

    private static IResult Refused(string reason) => Results.Content($$"""
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8" /><title>Request refused · JourneyStudio</title>
        <style>body{font-family:system-ui,sans-serif;margin:4rem auto;max-width:32rem;padding:0 1rem;color:#1f2933}a{color:#1565c0}</style></head>
        <body>
        <h1>The request was refused</h1>
        <p>{{WebUtility.HtmlEncode(reason)}} Nothing was changed.</p>
        <p><a href="{{AdminAuthentication.LoginPath}}">Back to the sign-in page</a></p>
        </body>
        </html>
        """, "text/html; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
}
