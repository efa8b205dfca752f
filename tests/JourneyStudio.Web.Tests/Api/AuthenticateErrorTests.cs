using System.Net;
using System.Text.Json.Nodes;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Testing;

namespace JourneyStudio.Web.Tests.Api;

/// <summary>Every bad request gets a specific AM error body, never a 500 or a stack trace.</summary>
public sealed class AuthenticateErrorTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    [Fact]
    public async Task UnknownRealm_Is404()
    {
        using var client = fixture.CreateClient();
        var response = await client.StartAsync(SignOnJourneys.Plain, "json/realms/root/realms/beta");
        AssertError(response, 404, "Realm 'beta' not found");
    }

    [Fact]
    public async Task UnknownJourney_Is404()
    {
        using var client = fixture.CreateClient();
        var response = await client.StartAsync("No Such Journey");
        AssertError(response, 404, "No journey named 'No Such Journey'");
    }

    [Fact]
    public async Task DisabledJourney_Is403()
    {
        await SignOnJourneys.CreateAsync(fixture.Server, SignOnJourneys.PlainJourney("Test Disabled") with { Settings = new JourneySettings { Enabled = false } });
        using var client = fixture.CreateClient();
        var response = await client.StartAsync("Test Disabled");
        AssertError(response, 403, "Journey 'Test Disabled' is disabled.");
    }

    [Fact]
    public async Task InnerJourneyOnly_Is403()
    {
        await SignOnJourneys.CreateAsync(fixture.Server, SignOnJourneys.PlainJourney("Test Inner Only") with { Settings = new JourneySettings { InnerTreeOnly = true } });
        using var client = fixture.CreateClient();
        var response = await client.StartAsync("Test Inner Only");
        AssertError(response, 403, "can only run inside another journey");
    }

    [Theory]
    [InlineData("{not json", "not valid JSON")]
    [InlineData("[1,2]", "must be a JSON object")]
    [InlineData("\"text\"", "must be a JSON object")]
    public async Task MalformedBody_Is400(string body, string expected)
    {
        using var client = fixture.CreateClient();
        var response = await client.PostAsync(AmClient.AuthenticateUrl(SignOnJourneys.Plain), body);
        AssertError(response, 400, expected);
    }

    [Theory]
    [InlineData("?authIndexType=module&authIndexValue=x", "authIndexType 'module' is not supported")]
    [InlineData("?authIndexType=service", "needs authIndexValue")]
    [InlineData("?authIndexValue=x", "needs authIndexType=service")]
    public async Task BadJourneySelection_Is400(string query, string expected)
    {
        using var client = fixture.CreateClient();
        var response = await client.PostAsync(AmClient.AlphaPath + "/authenticate" + query, "");
        AssertError(response, 400, expected);
    }

    [Fact]
    public async Task StepWithoutAuthId_Is400()
    {
        using var client = fixture.CreateClient();
        var step = await client.StartAsync(SignOnJourneys.Plain);
        var filled = AmClient.Fill(step.Body, SignOnJourneys.Username);
        filled.Remove("authId");

        var response = await client.SubmitAsync(filled);

        AssertError(response, 400, "The step has no authId");
    }

    [Fact]
    public async Task NonStringAuthId_Is400()
    {
        using var client = fixture.CreateClient();
        var response = await client.PostAsync(AmClient.AuthenticateUrl(null), """{"authId":42,"callbacks":[]}""");
        AssertError(response, 400, "authId must be the string");
    }

    [Theory]
    [InlineData("forged")]
    [InlineData("CfDJ8AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task ForgedAuthId_Is400(string authId)
    {
        using var client = fixture.CreateClient();
        var response = await client.PostAsync(AmClient.AuthenticateUrl(null), new JsonObject { ["authId"] = authId, ["callbacks"] = new JsonArray() }.ToJsonString());
        AssertError(response, 400, "The authId is not valid");
    }

    [Fact]
    public async Task AlteredAuthId_Is400()
    {
        using var client = fixture.CreateClient();
        var step = await client.StartAsync(SignOnJourneys.Plain);
        var filled = AmClient.Fill(step.Body, SignOnJourneys.Username);
        var authId = filled["authId"]!.GetValue<string>();
        filled["authId"] = authId[..^3] + (authId[^3] == 'A' ? "B" : "A") + authId[^2..];

        var response = await client.SubmitAsync(filled);

        AssertError(response, 400, "The authId is not valid");
    }

    [Fact]
    public async Task WrongNumberOfCallbacks_Is400()
    {
        using var client = fixture.CreateClient();
        var step = await client.StartAsync(SignOnJourneys.Plain);
        var filled = AmClient.Fill(step.Body, SignOnJourneys.Username);
        filled["callbacks"]!.AsArray().Add(filled["callbacks"]![0]!.DeepClone());

        AssertError(await client.SubmitAsync(filled), 400, "Expected 1 callback(s) but got 2.");
    }

    [Fact]
    public async Task WrongCallbackType_Is400()
    {
        using var client = fixture.CreateClient();
        var step = await client.StartAsync(SignOnJourneys.Plain);
        var filled = AmClient.Fill(step.Body, SignOnJourneys.Username);
        filled["callbacks"]![0]!["type"] = "PasswordCallback";

        AssertError(await client.SubmitAsync(filled), 400, "Callback 0 must be a NameCallback, not a PasswordCallback.");
    }

    [Fact]
    public async Task MissingInput_Is400_AndTheStepCanStillBeAnswered()
    {
        using var client = fixture.CreateClient();
        var step = await client.StartAsync(SignOnJourneys.Plain);
        var broken = (JsonObject)step.Body.DeepClone();
        broken["callbacks"]![0]!.AsObject().Remove("input");

        AssertError(await client.SubmitAsync(broken), 400, "is missing input IDToken1");
        var next = await client.SubmitAsync(AmClient.Fill(step.Body, SignOnJourneys.Username));
        Assert.Equal(HttpStatusCode.OK, next.Status);
        Assert.Equal("PasswordCallback", next.Body["callbacks"]![0]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task WrongInputType_Is400()
    {
        using var client = fixture.CreateClient();
        var step = await client.StartAsync(SignOnJourneys.Plain);
        var filled = AmClient.Fill(step.Body, 12345);

        AssertError(await client.SubmitAsync(filled), 400, "Input IDToken1 of callback 0 (NameCallback) must be a string, not a whole number.");
    }

    [Fact]
    public async Task NoCallbacksArray_Is400()
    {
        using var client = fixture.CreateClient();
        var step = await client.StartAsync(SignOnJourneys.Plain);
        var broken = new JsonObject { ["authId"] = step.Body["authId"]!.GetValue<string>() };

        AssertError(await client.SubmitAsync(broken), 400, "no callbacks array");
    }

    [Fact]
    public async Task AuthIdOfAnotherRealm_Is400()
    {
        using var client = fixture.CreateClient();
        var step = await client.StartAsync(SignOnJourneys.Plain);

        var response = await client.SubmitAsync(AmClient.Fill(step.Body, SignOnJourneys.Username), null, "json/realms/root");

        AssertError(response, 400, "belongs to a sign-on in realm 'alpha', not 'root'");
    }

    [Fact]
    public async Task TooLargeBody_Is413()
    {
        using var client = fixture.CreateClient();
        var response = await client.PostAsync(AmClient.AuthenticateUrl(SignOnJourneys.Plain),
            new JsonObject { ["padding"] = new string('x', 300 * 1024) }.ToJsonString());
        AssertError(response, 413, "larger than");
    }

    internal static void AssertError(AmResponse response, int status, string messagePart)
    {
        Assert.Equal((HttpStatusCode)status, response.Status);
        Assert.Equal("application/json", response.Message.Content.Headers.ContentType?.MediaType);
        Assert.Equal(status, response.Body["code"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(response.Body["reason"]!.GetValue<string>()));
        Assert.Contains(messagePart, response.ErrorMessage);
        Assert.DoesNotContain("   at ", response.Text); // no stack trace
    }
}
