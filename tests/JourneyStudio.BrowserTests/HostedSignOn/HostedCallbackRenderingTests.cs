using System.Text.Json.Nodes;
using JourneyStudio.BrowserTests.Infrastructure;
using JourneyStudio.Testing;
using Microsoft.Playwright;

namespace JourneyStudio.BrowserTests.HostedSignOn;

/// <summary>
/// The hosted sign-on page renders each callback by its type and AM's documented outputs, and answers it the way AM
/// expects. A real journey shows the Message Node; callbacks no shipped node sends yet are served to the page by a
/// stand-in authenticate endpoint (the page is a plain REST client, so what it renders is decided by the step alone).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class HostedCallbackRenderingTests(BrowserFixture fixture)
{
    [Fact]
    public async Task MessageNode_ShowsTheMessageAndItsTwoAnswers_AcceptingGoesToTheJourneysSuccessUrl()
    {
        await SignOnJourneys.SeedAsync(fixture.Server, SignOnJourneys.TermsMessageJourney());
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/login?journey=" + Uri.EscapeDataString(SignOnJourneys.TermsMessage));
        await page.GetByLabel("User Name").FillAsync(SignOnJourneys.Username);
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await page.GetByLabel("Password").FillAsync(SignOnJourneys.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();

        await Assertions.Expect(page.Locator("#card p.message")).ToHaveTextAsync(SignOnJourneys.TermsText);
        await Assertions.Expect(page.Locator("#card button")).ToHaveTextAsync([SignOnJourneys.TermsYes, SignOnJourneys.TermsNo]);
        await page.ScreenshotAsync(new() { Path = "/tmp/journeystudio-hosted-message-node.png", FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = SignOnJourneys.TermsYes }).ClickAsync();

        await page.WaitForURLAsync(url => new Uri(url).PathAndQuery == SignOnJourneys.TermsSuccessUrl);
        await Assertions.Expect(page.GetByTestId("welcome")).ToHaveTextAsync($"Hello, {SignOnJourneys.GivenName} {SignOnJourneys.Sn}");
    }

    [Fact]
    public async Task MessageNode_Declining_EndsInSignOnFailed()
    {
        await SignOnJourneys.SeedAsync(fixture.Server, SignOnJourneys.TermsMessageJourney());
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/login?journey=" + Uri.EscapeDataString(SignOnJourneys.TermsMessage));
        await page.GetByLabel("User Name").FillAsync(SignOnJourneys.Username);
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await page.GetByLabel("Password").FillAsync(SignOnJourneys.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = SignOnJourneys.TermsNo }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign-on failed" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task InputCallbacks_AreRenderedFromTheirOutputs_AndAnsweredInTheirInputs()
    {
        var page = await fixture.NewPageAsync();
        var posted = new List<JsonObject>();
        await ServeStepsAsync(page, posted, Step(
            Callback("TextOutputCallback", [("message", "Your password expires in 3 days."), ("messageType", "1")]),
            Callback("TextOutputCallback", [("message", "That did not work."), ("messageType", "2")]),
            Callback("TextInputCallback", [("prompt", "Nickname"), ("defaultText", "Jay")], [("", "")]),
            Callback("StringAttributeInputCallback",
                [("name", "mail"), ("prompt", "Email Address"), ("required", true), ("policies", new JsonObject()),
                 ("failedPolicies", new JsonArray("{\"policyRequirement\":\"VALID_EMAIL_ADDRESS_FORMAT\",\"params\":{}}")),
                 ("validateOnly", false), ("value", "jo@")],
                [("", "jo@"), ("validateOnly", false)]),
            Callback("BooleanAttributeInputCallback",
                [("name", "preferences/marketing"), ("prompt", "Send me special offers"), ("required", false), ("policies", new JsonObject()),
                 ("failedPolicies", new JsonArray()), ("validateOnly", false), ("value", false)],
                [("", false), ("validateOnly", false)]),
            Callback("NumberAttributeInputCallback",
                [("name", "age"), ("prompt", "Age"), ("required", false), ("policies", new JsonObject()),
                 ("failedPolicies", new JsonArray()), ("validateOnly", false), ("value", 0)],
                [("", 0), ("validateOnly", false)]),
            Callback("ChoiceCallback", [("prompt", "Favourite colour"), ("choices", new JsonArray("Red", "Blue")), ("defaultChoice", 0)], [("", 0)]),
            // OK_CANCEL_OPTION: the buttons are Java's OK (3) and CANCEL (2), not indexes.
            Callback("ConfirmationCallback",
                [("prompt", ""), ("messageType", 0), ("options", new JsonArray()), ("optionType", 2), ("defaultOption", 3)], [("", 3)])));

        await page.GotoAsync("/login?journey=Stand-in");

        await Assertions.Expect(page.Locator("#card p.message.warning")).ToHaveTextAsync("Your password expires in 3 days.");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).First).ToHaveTextAsync("That did not work.");
        await Assertions.Expect(page.GetByLabel("Nickname")).ToHaveValueAsync("Jay");
        await Assertions.Expect(page.GetByLabel("Email Address")).ToHaveValueAsync("jo@");
        await Assertions.Expect(page.Locator(".policy-failures")).ToHaveTextAsync("Enter a valid e-mail address.");
        await Assertions.Expect(page.GetByLabel("Send me special offers")).Not.ToBeCheckedAsync();
        await Assertions.Expect(page.Locator("#card button")).ToHaveTextAsync(["OK", "Cancel"]);
        await page.ScreenshotAsync(new() { Path = "/tmp/journeystudio-hosted-callbacks.png", FullPage = true });

        await page.GetByLabel("Nickname").FillAsync("Jo");
        await page.GetByLabel("Email Address").FillAsync("jo@example.com");
        await page.GetByLabel("Send me special offers").CheckAsync();
        await page.GetByLabel("Age").FillAsync("42");
        await page.GetByLabel("Blue").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "OK" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign-on failed" })).ToBeVisibleAsync();
        var answer = Inputs(posted[^1]);
        Assert.Equal("Jo", (string?)answer["IDToken3"]);
        Assert.Equal("jo@example.com", (string?)answer["IDToken4"]);
        Assert.False((bool)answer["IDToken4validateOnly"]!);
        Assert.True((bool)answer["IDToken5"]!);
        Assert.Equal(42, (int)answer["IDToken6"]!);
        Assert.Equal(1, (int)answer["IDToken7"]!);
        Assert.Equal(3, (int)answer["IDToken8"]!);
    }

    [Fact]
    public async Task ScriptsAreNeverRun_AScriptOfUnknownShapeShowsOnlyItsWebLinks()
    {
        var page = await fixture.NewPageAsync();
        var ran = false;
        page.Console += (_, message) => ran |= message.Text.Contains("script ran");
        await ServeStepsAsync(page, [], Step(
            Callback("TextOutputCallback",
                [("message", "console.log('script ran'); document.body.innerHTML = \"<a href='https://help.example.com/mfa'>Help with MFA</a>\";"), ("messageType", "4")]),
            Callback("SomeCallbackOfTheFuture", [("x", 1)])));

        await page.GotoAsync("/login?journey=Stand-in");

        await Assertions.Expect(page.GetByTestId("script-links").GetByRole(AriaRole.Link, new() { Name = "Help with MFA" }))
            .ToHaveAttributeAsync("href", "https://help.example.com/mfa");
        await Assertions.Expect(page.Locator("#card")).ToContainTextAsync("This step asks for \"SomeCallbackOfTheFuture\", which the hosted pages cannot show.");
        Assert.False(ran);
    }

    [Fact]
    public async Task RedirectCallback_WithGet_TakesTheBrowserThere()
    {
        var page = await fixture.NewPageAsync();
        await ServeStepsAsync(page, [], Step(Callback("RedirectCallback",
            [("redirectUrl", "/assets/logo.svg?via=redirect"), ("redirectMethod", "GET"), ("redirectData", new JsonObject()), ("trackingCookie", false)])));

        var navigation = page.WaitForRequestAsync(request => request.Url.Contains("via=redirect") && request.IsNavigationRequest);
        await page.GotoAsync("/login?journey=Stand-in");

        await navigation;
    }

    /// <summary>Answers the page's authenticate calls with <paramref name="first"/>, then with a login failure; records every posted body.</summary>
    private static Task ServeStepsAsync(IPage page, List<JsonObject> posted, JsonObject first) =>
        page.RouteAsync("**/json/realms/root/realms/alpha/authenticate**", async route =>
        {
            var body = route.Request.PostData is { Length: > 0 } text ? JsonNode.Parse(text) as JsonObject : null;
            var isStart = body is null || !body.ContainsKey("authId");
            if (body is not null) posted.Add(body);
            await route.FulfillAsync(isStart
                ? new() { Status = 200, ContentType = "application/json", Body = first.ToJsonString() }
                : new() { Status = 401, ContentType = "application/json", Body = """{"code":401,"reason":"Unauthorized","message":"Login failure"}""" });
        });

    private static JsonObject Step(params JsonObject[] callbacks)
    {
        // Number the inputs as AM does: IDToken{position}{suffix}.
        for (var i = 0; i < callbacks.Length; i++)
            foreach (var input in callbacks[i]["input"]?.AsArray() ?? [])
                input!["name"] = $"IDToken{i + 1}{(string)input["name"]!}";
        return new JsonObject { ["authId"] = "stand-in", ["callbacks"] = new JsonArray(callbacks) };
    }

    private static JsonObject Callback(string type, (string Name, object? Value)[] outputs, (string Suffix, object? Value)[]? inputs = null)
    {
        var callback = new JsonObject
        {
            ["type"] = type,
            ["output"] = new JsonArray(outputs.Select(o => (JsonNode)new JsonObject { ["name"] = o.Name, ["value"] = Node(o.Value) }).ToArray()),
        };
        if (inputs is not null)
            callback["input"] = new JsonArray(inputs.Select(i => (JsonNode)new JsonObject { ["name"] = i.Suffix, ["value"] = Node(i.Value) }).ToArray());
        return callback;
    }

    private static JsonNode? Node(object? value) => value is JsonNode node ? node : System.Text.Json.JsonSerializer.SerializeToNode(value);

    private static Dictionary<string, JsonNode?> Inputs(JsonObject step) =>
        step["callbacks"]!.AsArray().SelectMany(c => c!["input"]?.AsArray() ?? []).ToDictionary(i => (string)i!["name"]!, i => i!["value"]);
}
