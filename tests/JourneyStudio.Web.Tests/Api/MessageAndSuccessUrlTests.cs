using System.Net;
using System.Text.Json.Nodes;
using JourneyStudio.Testing;

namespace JourneyStudio.Web.Tests.Api;

/// <summary>Message Node and Success URL over real HTTP, as an AM client sees them.</summary>
public sealed class MessageAndSuccessUrlTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private async Task<(AmClient Client, AmResponse Message)> SignOnToTheMessageAsync(string journey = SignOnJourneys.TermsMessage)
    {
        await SignOnJourneys.SeedAsync(fixture.Server, SignOnJourneys.TermsMessageJourney());
        var client = fixture.CreateClient();
        var name = await client.StartAsync(journey);
        var password = await client.SubmitAsync(AmClient.Fill(name.Body, SignOnJourneys.Username), journey);
        return (client, await client.SubmitAsync(AmClient.Fill(password.Body, SignOnJourneys.Password), journey));
    }

    [Fact]
    public async Task MessageNode_SendsTextOutputAndConfirmationInAmsShape()
    {
        var (client, message) = await SignOnToTheMessageAsync();
        using var _ = client;

        var callbacks = message.Body["callbacks"]!.AsArray();
        Assert.Equal(
            """{"type":"TextOutputCallback","output":[{"name":"message","value":"Do you accept the terms of use?"},{"name":"messageType","value":"0"}],"_id":0}""",
            callbacks[0]!.ToJsonString());
        Assert.Equal(
            """{"type":"ConfirmationCallback","output":[{"name":"prompt","value":""},{"name":"messageType","value":0},{"name":"options","value":["I accept","No, thanks"]},{"name":"optionType","value":-1},{"name":"defaultOption","value":1}],"input":[{"name":"IDToken2","value":1}],"_id":1}""",
            callbacks[1]!.ToJsonString());
    }

    [Fact]
    public async Task MessageNode_PositiveAnswer_SignsOnAndGoesToTheJourneysSuccessUrl()
    {
        var (client, message) = await SignOnToTheMessageAsync();
        using var _ = client;

        var success = await client.SubmitAsync(AmClient.Fill(message.Body, 0), SignOnJourneys.TermsMessage);

        Assert.Equal(HttpStatusCode.OK, success.Status);
        Assert.Equal(SignOnJourneys.TermsSuccessUrl, success.Body["successUrl"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(success.Body["tokenId"]?.GetValue<string>()));
    }

    [Fact]
    public async Task MessageNode_NegativeAnswer_IsALoginFailure()
    {
        var (client, message) = await SignOnToTheMessageAsync();
        using var _ = client;

        var failure = await client.SubmitAsync(AmClient.Fill(message.Body, 1), SignOnJourneys.TermsMessage);

        Assert.Equal(HttpStatusCode.Unauthorized, failure.Status);
        Assert.Equal("Login failure", failure.ErrorMessage);
        Assert.Null(client.SessionCookie);
    }

    [Theory]
    [InlineData("javascript:alert(document.cookie)")]
    [InlineData("//evil.example/steal")]
    [InlineData("/\\evil.example/steal")]
    public async Task SuccessUrl_ThatAClientMustNotFollow_IsReplacedByTheAccountPage(string url)
    {
        // Validation refuses such URLs, but a journey saved around it (an old import, a direct database change) must not get through.
        var name = "Test Bad Success URL " + Guid.NewGuid().ToString("N")[..6];
        await SignOnJourneys.SeedAsync(fixture.Server, SignOnJourneys.TermsMessageJourney(name, url));
        var (client, message) = await SignOnToTheMessageAsync(name);
        using var _ = client;

        var success = await client.SubmitAsync(AmClient.Fill(message.Body, 0), name);

        Assert.Equal(HttpStatusCode.OK, success.Status);
        Assert.Equal("/account?realm=alpha", success.Body["successUrl"]!.GetValue<string>());
    }
}
