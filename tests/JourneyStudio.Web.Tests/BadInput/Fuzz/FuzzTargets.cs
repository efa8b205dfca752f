using System.Text.RegularExpressions;
using JourneyStudio.Web.Api;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyStudio.Web.Tests.BadInput.Fuzz;

/// <summary>One API endpoint as the app's <see cref="EndpointDataSource"/> lists it.</summary>
public sealed record ApiEndpoint(string Method, string Pattern, EndpointFamily Family)
{
    public string Key => $"{Method} {Pattern}";

    /// <summary>Every endpoint of the API families (not the studio's pages), from the running app.</summary>
    public static IReadOnlyList<ApiEndpoint> All(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(endpoint =>
            {
                // A group's MapGet("") ends in a slash ("/admin/api/identities/"); the route is the same without it.
                var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").Trim('/');
                var methods = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["*"];
                return methods.Select(method => new ApiEndpoint(method, pattern, EndpointFamilies.Of(LiteralPrefix(pattern))));
            })
            .Where(endpoint => endpoint.Family.Shape != ErrorShape.StudioPage)
            .DistinctBy(endpoint => endpoint.Key)
            .OrderBy(endpoint => endpoint.Key, StringComparer.Ordinal)
            .ToList();

    private static string LiteralPrefix(string pattern) => pattern.IndexOf('{') is var brace and >= 0 ? pattern[..brace] : pattern;
}

/// <summary>A request to damage: the query to send it with and a valid body to start from.</summary>
public sealed record FuzzSeed(string Query, string Body);

/// <summary>
/// What the fuzz test sends to each API endpoint: route values and valid seed bodies. An endpoint the app has but
/// this table lacks fails <see cref="EndpointFuzzTests.EveryApiEndpoint_HasFuzzSeeds"/>, so a new endpoint is
/// never left out of the fuzzing.
/// </summary>
public static class FuzzTargets
{
    public const string Journey = "Fuzz Journey";
    public const string Username = "fuzz-user";
    public const string DeviceToken = "ZnV6ei1kZXZpY2UtdG9rZW4tZm9yLXRoZS1pbmJveC0x";

    /// <summary>A stand-in the test replaces with a fresh step of a started sign-on before each use.</summary>
    public const string LiveStep = "<live step>";

    /// <summary>A stand-in the test replaces with a pending push message's id and a JWT signed with its secret.</summary>
    public const string LiveRegister = "<live register>";
    public const string LiveAuthenticate = "<live authenticate>";
    public const string LiveRefresh = "<live refresh>";

    private static readonly string Start = $"?authIndexType=service&authIndexValue={Uri.EscapeDataString(Testing.SignOnJourneys.Plain)}";

    private static readonly FuzzSeed[] Authenticate = [new(Start, "{}"), new("", LiveStep), new("?suspendedId=fuzz-suspended-id", "{}")];
    private static readonly FuzzSeed[] Sessions = [new("?_action=getSessionInfo", """{"tokenId":"abc"}"""), new("?_action=logout", "{}")];
    private static readonly FuzzSeed[] Push =
        [new("?_action=register", LiveRegister), new("?_action=authenticate", LiveAuthenticate), new("?_action=refresh", LiveRefresh)];
    private static readonly FuzzSeed[] NoBody = [new("", "{}")];

    public const string ClientId = "fuzz-client";
    private static readonly string Client = $$"""{"clientId":"{{ClientId}}","redirectUris":["https://app.example/cb"],"scopes":["openid","profile"],"name":"Fuzz","firstParty":true,"corsOrigins":["https://app.example"],"accessTokenLifetime":300}""";
    private static readonly FuzzSeed[] Authorize =
        [new($"?response_type=code&client_id={ClientId}&redirect_uri=https%3A%2F%2Fapp.example%2Fcb&scope=openid&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256", "{}")];

    private static readonly string Identity = $$"""{"username":"{{Username}}","password":"Fuzz-password-1","givenName":"Fuzz","sn":"User","mail":"fuzz@example.com"}""";
    private static readonly string Export = Admin.AdminApiFixture.SimpleExport(Journey, "fuzzed");
    private static readonly string MultiExport = "{\"trees\":{\"" + Journey + " 2\":" + Admin.AdminApiFixture.SimpleExport(Journey + " 2") + "}}";

    public static IReadOnlyDictionary<string, FuzzSeed[]> Seeds { get; } = new Dictionary<string, FuzzSeed[]>
    {
        ["POST /json/realms/root/authenticate"] = Authenticate,
        ["POST /json/realms/root/realms/{realm}/authenticate"] = Authenticate,
        ["POST /json/realms/root/sessions"] = Sessions,
        ["POST /json/realms/root/realms/{realm}/sessions"] = Sessions,
        ["GET /json/realms/root/users/{username}"] = NoBody,
        ["GET /json/realms/root/realms/{realm}/users/{username}"] = NoBody,
        ["POST /json/realms/root/push/sns/message"] = Push,
        ["POST /json/realms/root/realms/{realm}/push/sns/message"] = Push,
        ["POST /login/qr"] = [new("", """{"text":"otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&issuer=Example"}""")],
        ["GET /login"] = NoBody,
        ["GET /login/push-delivery"] = [new("", "{}"), new("?realm=root", "{}"), new("?realm=nowhere", "{}")],
        ["GET /account"] = NoBody,
        ["GET /authenticator"] = NoBody,
        ["GET /virtual-authenticator/api/inbox/{deviceToken}"] = NoBody,
        ["GET /admin/api/journeys"] = NoBody,
        ["POST /admin/api/journeys/import"] = [new("", Export), new("", MultiExport)],
        ["GET /admin/api/journeys/{name}"] = NoBody,
        ["PUT /admin/api/journeys/{name}"] = [new("", Export), new("?revision=1", Export)],
        ["DELETE /admin/api/journeys/{name}"] = NoBody,
        ["GET /admin/api/journeys/{name}/export"] = NoBody,
        ["GET /admin/api/journeys/{name}/validation"] = NoBody,
        ["POST /admin/api/journeys/{name}/publish"] = [new("", "{}"), new("?revision=1", "{}")],
        ["GET /admin/api/journeys/{name}/diff"] = [new("", "{}"), new("?from=1&to=1", "{}"), new("?from=x&to=-1", "{}"), new("?from=999", "{}")],
        ["POST /admin/api/journeys/{name}/tests/run"] = [new("", "{}"), new("?revision=1", "{}"), new("?revision=x", "{}"), new("?revision=999", "{}")],
        ["GET /admin/api/identities"] = [new("?search=fuzz", "{}")],
        ["POST /admin/api/identities"] = [new("", Identity)],
        ["GET /admin/api/identities/{username}"] = NoBody,
        ["PUT /admin/api/identities/{username}"] =
        [
            new("", """{"givenName":"Changed","sn":"User","mail":"f@example.com","active":true,"password":"Fuzz-password-2"}"""),
            new("", """{"locked":false}"""),
        ],
        ["DELETE /admin/api/identities/{username}"] = NoBody,
        ["DELETE /admin/api/identities/{username}/devices"] = NoBody,
        ["GET /admin/api/audit"] = [new("?action=journey.*&actor=admin&from=2026-01-01&limit=5", "{}")],
        ["GET /admin/api/mailbox"] = NoBody,
        ["DELETE /admin/api/mailbox"] = NoBody,
        ["GET /admin/api/mailbox/{id}"] = NoBody,
        ["DELETE /admin/api/mailbox/{id}"] = NoBody,
        ["* /admin/api/{**path}"] = NoBody,
        ["GET /json/realms/root/realms/{realm}/users/{username}/oauth2/applications"] = NoBody,
        ["DELETE /json/realms/root/realms/{realm}/users/{username}/oauth2/applications/{clientId}"] = NoBody,
        ["GET /admin/api/oauth2/clients"] = NoBody,
        ["POST /admin/api/oauth2/clients"] = [new("", Client)],
        ["GET /admin/api/oauth2/clients/{clientId}"] = NoBody,
        ["PUT /admin/api/oauth2/clients/{clientId}"] = [new("", Client)],
        ["DELETE /admin/api/oauth2/clients/{clientId}"] = NoBody,
        ["GET /oauth2/realms/root/realms/{realm}/authorize"] = Authorize,
        ["POST /oauth2/realms/root/realms/{realm}/authorize"] = Authorize,
        ["POST /oauth2/realms/root/realms/{realm}/access_token"] = [new("?grant_type=client_credentials&client_id=" + ClientId, "{}")],
        ["GET /oauth2/realms/root/realms/{realm}/userinfo"] = NoBody,
        ["POST /oauth2/realms/root/realms/{realm}/userinfo"] = NoBody,
        ["GET /oauth2/realms/root/realms/{realm}/connect/endSession"] = NoBody,
        ["POST /oauth2/realms/root/realms/{realm}/connect/endSession"] = NoBody,
    };

    /// <summary>The path to send to: route parameters filled with the fuzz test's values.</summary>
    public static string PathOf(ApiEndpoint endpoint) =>
        Regex.Replace(endpoint.Pattern, @"\{\*{0,2}(\w+)[^}]*\}", match => match.Groups[1].Value switch
        {
            "realm" => "alpha",
            "name" => Uri.EscapeDataString(Journey),
            "username" => Username,
            "deviceToken" => DeviceToken,
            "path" => "fuzz/no-such-endpoint",
            "clientId" => ClientId,
            "id" => "1",
            var other => throw new InvalidOperationException($"The fuzz test has no value for the route parameter '{other}' of {endpoint.Key}; add one."),
        }).TrimStart('/');
}
