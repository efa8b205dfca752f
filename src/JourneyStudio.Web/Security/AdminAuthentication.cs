using System.Security.Claims;
using JourneyStudio.Runtime.ApiTokens;
using JourneyStudio.Runtime.Audit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;

namespace JourneyStudio.Web.Security;

/// <summary>
/// Who may use the studio: admins, signed in with a cookie in the browser, or on the admin API with an admin
/// API token (Bearer) or an admin's username and password (HTTP Basic). End-user pages (sign-on, account,
/// device endpoints) never ask for either.
/// </summary>
public static class AdminAuthentication
{
    public const string CookieScheme = "StudioAdminCookie";
    public const string ApiScheme = "StudioAdminApi";
    public const string AdminRole = "admin";

    /// <summary>Studio pages: an admin signed in with the cookie.</summary>
    public const string StudioPolicy = "StudioAdmin";

    /// <summary>Admin REST API: an admin API token or an admin's Basic credentials (401 without).</summary>
    public const string ApiPolicy = "AdminApi";

    public const string LoginPath = "/admin/login";

    public const string LogoutPath = "/admin/logout";

    public static IServiceCollection AddStudioAdminAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(CookieScheme)
            .AddCookie(CookieScheme, options =>
            {
                options.Cookie.Name = ".JourneyStudio.Admin";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.LoginPath = LoginPath;
                options.LogoutPath = LogoutPath;
                options.AccessDeniedPath = LoginPath;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;
            })
            .AddScheme<AuthenticationSchemeOptions, AdminApiAuthenticationHandler>(ApiScheme, _ => { });

        services.AddAuthorizationBuilder()
            .AddPolicy(StudioPolicy, policy => policy.AddAuthenticationSchemes(CookieScheme).RequireRole(AdminRole))
            .AddPolicy(ApiPolicy, policy => policy.AddAuthenticationSchemes(ApiScheme).RequireRole(AdminRole));
        services.AddCascadingAuthenticationState();
        services.AddJourneyStudioAdminApiTokens();
        services.AddSingleton<AdminSignIn>();
        return services;
    }

    public static ClaimsPrincipal AdminPrincipal(string username, string scheme) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, username), new Claim(ClaimTypes.Role, AdminRole)], scheme));

    /// <summary>Refuses cross-site and non-JSON writes to the admin API; goes before authentication.</summary>
    public static IApplicationBuilder UseAdminApiRequestGuard(this IApplicationBuilder app) => app.UseMiddleware<AdminApiRequestGuard>();

    /// <summary>The login form's endpoints: sign in and sign out, both form posts with an antiforgery token.</summary>
    public static void MapAdminLoginEndpoints(this WebApplication app)
    {
        // The antiforgery token is checked by StudioFormPosts, which answers a refusal with a page instead of an exception.
        // Order -1: the sign-in page's Razor component endpoint accepts POST on the same path; every post is ours.
        var forms = app.MapGroup("").DisableAntiforgery().AddEndpointFilter(StudioFormPosts.ValidateAsync).WithOrder(-1);
        forms.MapPost(LoginPath, SignInAsync).AllowAnonymous();
        forms.MapPost(LogoutPath, SignOutAsync).RequireAuthorization(StudioPolicy);
    }

    private static async Task<IResult> SignInAsync(HttpContext http, AdminSignIn signIn)
    {
        var form = http.Request.Form;
        var returnUrl = SafeReturnUrl(Field(form, "ReturnUrl"));
        var admin = await signIn.CheckPasswordAsync(Field(form, "Username"), Field(form, "Password"), AdminSignInChannel.StudioForm, http);
        if (admin is null)
            return Results.Redirect($"{LoginPath}?error=1&ReturnUrl={Uri.EscapeDataString(returnUrl)}");
        await http.SignInAsync(CookieScheme, AdminPrincipal(admin.Username, CookieScheme));
        return Results.LocalRedirect(returnUrl);
    }

    private static async Task<IResult> SignOutAsync(HttpContext http, IAuditLog audit)
    {
        var username = http.User.Identity?.Name ?? "";
        await http.SignOutAsync(CookieScheme);
        await audit.RecordAsync(new AuditEvent
        {
            Action = AuditActions.AdminSignOut,
            Actor = username,
            Channel = "studio",
            RemoteAddress = http.Connection.RemoteIpAddress?.ToString(),
        }, http.RequestAborted);
        return Results.LocalRedirect(LoginPath);
    }

    private static string Field(IFormCollection form, string name) => form[name] is { Count: 1 } values ? values[0] ?? "" : "";

    private static readonly Uri LocalOrigin = new("http://studio.invalid/");

    /// <summary>
    /// <paramref name="returnUrl"/> when it is a path of this site, else "/": anything else would make the login
    /// page an open redirect. The result is escaped (ASCII only), so it always fits a Location header.
    /// </summary>
    public static string SafeReturnUrl(string? returnUrl)
    {
        if (string.IsNullOrEmpty(returnUrl) || returnUrl[0] != '/' || returnUrl.StartsWith("//", StringComparison.Ordinal)) return "/";
        // Browsers drop tabs and line breaks from a URL and read '\' as '/': to them "/\t/evil.example" and
        // "/\evil.example" are "//evil.example", another site.
        if (returnUrl.Any(c => char.IsControl(c) || c == '\\')) return "/";
        if (!Uri.TryCreate(LocalOrigin, returnUrl, out var resolved) || resolved.Authority != LocalOrigin.Authority) return "/";
        var local = resolved.PathAndQuery + resolved.Fragment;
        return local.StartsWith("//", StringComparison.Ordinal) ? "/" : local;
    }
}
