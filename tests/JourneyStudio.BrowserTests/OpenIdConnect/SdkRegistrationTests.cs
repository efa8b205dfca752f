using System.Text.Json.Nodes;
using JourneyStudio.BrowserTests.HostedSignOn;
using JourneyStudio.BrowserTests.Infrastructure;
using JourneyStudio.Runtime.Identities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace JourneyStudio.BrowserTests.OpenIdConnect;

/// <summary>
/// Identity Cloud's PlatformRegistration (imported unchanged) run by the ForgeRock JavaScript SDK 4.9.1 in an app on a
/// second loopback origin, with the SDK's own callback classes: the SDK recognises every callback of the sign-up page,
/// a validateOnly submission comes back with the password's failed policies, and the real one ends in a session token.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SdkRegistrationTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Sdk_RegistersThroughPlatformRegistration_WithItsOwnCallbackClasses_SeeingFailedPoliciesFirst()
    {
        await PlatformJourneys.ImportAsync(fixture.Server);
        await using var app = await SdkAppServer.StartAsync();
        // The app's origin may call the authenticate endpoint (CORS) once a client names it.
        await ProviderClients.CreateAsync(fixture.Server, new JsonObject
        {
            ["clientId"] = "sdk-registration-" + Guid.NewGuid().ToString("N")[..8],
            ["name"] = "SDK registration app",
            ["redirectUris"] = new JsonArray(app.CallbackUri),
            ["scopes"] = new JsonArray("openid", "profile"),
            ["journeys"] = new JsonArray(PlatformJourneys.Registration),
            ["defaultJourney"] = PlatformJourneys.Registration,
            ["firstParty"] = true,
            ["corsOrigins"] = new JsonArray(app.Origin),
        });

        var page = await fixture.NewPageAsync();
        var console = new List<string>();
        page.Console += (_, message) => console.Add($"{message.Type}: {message.Text}");
        page.PageError += (_, error) => console.Add("page error: " + error);
        await page.GotoAsync(app.Origin + "/registration.html");
        try { await Assertions.Expect(page.GetByTestId("state")).ToHaveTextAsync("\"ready\""); }
        catch (PlaywrightException e) { throw new InvalidOperationException("The app did not start: " + string.Join("\n", console), e); }

        var username = $"sdk.reg.{Guid.NewGuid():N}"[..16];
        var result = await page.EvaluateAsync<System.Text.Json.JsonElement>(
            "([settings, form]) => window.sdkRegistration.register(settings, form)",
            new object[]
            {
                new { baseUrl = fixture.Server.BaseAddress.ToString(), realm = "alpha", tree = PlatformJourneys.Registration },
                new
                {
                    username,
                    password = "Correct-Horse-9",
                    weakPassword = "short1",
                    attributes = new Dictionary<string, object>
                    {
                        ["givenName"] = "Grace", ["sn"] = "Hopper", ["mail"] = username + "@example.com",
                        ["preferences/marketing"] = true, ["preferences/updates"] = false,
                    },
                    kba = new[]
                    {
                        new { question = "What's your favorite color?", answer = "teal" },
                        new { question = "The street I grew up on?", answer = "Elm" },
                    },
                },
            });
        var seen = JsonNode.Parse(result.GetRawText())!;
        Assert.True((bool)seen["ok"]!, seen.ToJsonString() + "\n" + string.Join("\n", console));
        var value = seen["value"]!;

        // The SDK recognises each callback of the sign-up page as its own class.
        var first = value["first"]!;
        Assert.Equal("Step", (string?)first["type"]);
        Assert.Equal("Sign Up", (string?)first["header"]);
        Assert.Equal(
        [
            ("ValidatedCreateUsernameCallback", "ValidatedCreateUsernameCallback"),
            ("StringAttributeInputCallback", "AttributeInputCallback"),
            ("StringAttributeInputCallback", "AttributeInputCallback"),
            ("StringAttributeInputCallback", "AttributeInputCallback"),
            ("BooleanAttributeInputCallback", "AttributeInputCallback"),
            ("BooleanAttributeInputCallback", "AttributeInputCallback"),
            ("ValidatedCreatePasswordCallback", "ValidatedCreatePasswordCallback"),
            ("KbaCreateCallback", "KbaCreateCallback"),
            ("KbaCreateCallback", "KbaCreateCallback"),
            ("TermsAndConditionsCallback", "TermsAndConditionsCallback"),
        ], first["callbacks"]!.AsArray().Select(c => ((string)c!["type"]!, (string)c["sdkClass"]!)).ToList());
        var attributes = first["callbacks"]!.AsArray().Where(c => (string?)c!["sdkClass"] == "AttributeInputCallback").ToList();
        Assert.Equal(["givenName", "sn", "mail", "preferences/marketing", "preferences/updates"], attributes.Select(c => (string)c!["name"]!));
        Assert.Contains("VALID_EMAIL_ADDRESS_FORMAT", attributes[2]!["policyRequirements"]!.AsArray().Select(p => (string)p!));
        Assert.All(first["callbacks"]!.AsArray(), c => Assert.Empty(c!["failedPolicies"]!.AsArray()));

        // validateOnly: the same page again, with only the weak password's policies failed.
        var checkedStep = value["checked"]!;
        Assert.Equal("Step", (string?)checkedStep["type"]);
        var failures = checkedStep["callbacks"]!.AsArray()
            .Select(c => ((string)c!["type"]!, c["failedPolicies"]!.AsArray().Select(p => (string)p!).ToList())).ToList();
        Assert.Equal(10, failures.Count);
        Assert.Equal(["MIN_LENGTH", "AT_LEAST_X_CAPITAL_LETTERS"], failures.Single(f => f.Item1 == "ValidatedCreatePasswordCallback").Item2);
        Assert.All(failures.Where(f => f.Item1 != "ValidatedCreatePasswordCallback"), f => Assert.Empty(f.Item2));
        Assert.NotEmpty(value["passwordMessages"]!.AsArray());

        // The real submission registers and signs on.
        Assert.Equal("LoginSuccess", (string?)value["done"]!["type"]);
        Assert.False(string.IsNullOrEmpty((string?)value["sessionToken"]), value.ToJsonString());
        var identity = await fixture.Server.Services.GetRequiredService<IdentityStore>().GetAsync(username);
        Assert.NotNull(identity);
        Assert.Equal("Grace", identity.GivenName);
        Assert.Equal(username + "@example.com", identity.Mail);
    }
}
