using System.Security.Claims;
using JourneyStudio.Runtime.Administration;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;

namespace JourneyStudio.Web.Security;

/// <summary>
/// Who may use the studio: admins, signed in with a cookie in the browser or with HTTP Basic on the admin
/// API. End-user pages (sign-on, account, device endpoints) never ask for either.
/// </summary>
public static class AdminAuthentication
{
    public const string CookieScheme = "StudioAdminCookie";
    public const string BasicScheme = "StudioAdminBasic";
    public const string AdminRole = "admin";

    /// <summary>Studio pages: an admin signed in with the cookie.</summary>
    public const string StudioPolicy = "StudioAdmin";

    /// <summary>Admin REST API: an admin with HTTP Basic credentials (401 without, 403 for a non-admin).</summary>
    public const string ApiPolicy = "AdminApi";

    public const string LoginPath = "/admin/login";

    public static IServiceCollection AddStudioAdminAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(CookieScheme)
            .AddCookie(CookieScheme, options =>
            {
                options.Cookie.Name = ".JourneyStudio.Admin";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.LoginPath = LoginPath;
                options.LogoutPath = "/admin/logout";
                options.AccessDeniedPath = LoginPath;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;
            })
            .AddScheme<AuthenticationSchemeOptions, AdminBasicAuthenticationHandler>(BasicScheme, _ => { });

        services.AddAuthorizationBuilder()
            .AddPolicy(StudioPolicy, policy => policy.AddAuthenticationSchemes(CookieScheme).RequireRole(AdminRole))
            .AddPolicy(ApiPolicy, policy => policy.AddAuthenticationSchemes(BasicScheme).RequireRole(AdminRole));
        services.AddCascadingAuthenticationState();
        return services;
    }

    public static ClaimsPrincipal AdminPrincipal(string username, string scheme) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, username), new Claim(ClaimTypes.Role, AdminRole)], scheme));

    /// <summary>The login form's endpoints: sign in (POST) and sign out.</summary>
    public static void MapAdminLoginEndpoints(this WebApplication app)
    {
        app.MapPost(LoginPath, async (HttpContext http, AdminSignIn signIn, [Microsoft.AspNetCore.Mvc.FromForm] AdminLoginForm form) =>
        {
            var returnUrl = SafeReturnUrl(form.ReturnUrl);
            // A locked admin or a throttled address gets the same answer as a wrong password.
            var admin = await signIn.VerifyAsync(form.Username, form.Password, http.Connection.RemoteIpAddress?.ToString(), http.RequestAborted);
            if (admin is null)
                return Results.Redirect($"{LoginPath}?error=1&ReturnUrl={Uri.EscapeDataString(returnUrl)}");
            await http.SignInAsync(CookieScheme, AdminPrincipal(admin.Username, CookieScheme));
            return Results.LocalRedirect(returnUrl);
        }).AllowAnonymous();

        app.MapPost("/admin/logout", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieScheme);
            return Results.LocalRedirect(LoginPath);
        }).RequireAuthorization(StudioPolicy);
    }

    // Only local paths: an absolute URL here would make the login page an open redirect.
    public static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//") && !returnUrl.StartsWith("/\\")
            ? returnUrl
            : "/";
}

public sealed class AdminLoginForm
{
    public string? Username { get; set; }
    public string? Password { get; set; }
    public string? ReturnUrl { get; set; }
}
