using System.Net;
using System.Text.Json.Nodes;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Sessions;
using JourneyStudio.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyStudio.Web.Tests.Api;

/// <summary>The authenticate protocol over real HTTP: steps, success, failure, Page nodes, retries.</summary>
public sealed class AuthenticateTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    [Fact]
    public async Task Start_EmptyBody_SendsFirstStepInAmShape()
    {
        using var client = fixture.CreateClient();

        var step = await client.StartAsync(SignOnJourneys.Plain);

        Assert.Equal(HttpStatusCode.OK, step.Status);
        Assert.Equal("application/json", step.Message.Content.Headers.ContentType!.MediaType);
        Assert.False(string.IsNullOrEmpty(step.Body["authId"]!.GetValue<string>()));
        var callback = Assert.Single(step.Body["callbacks"]!.AsArray())!;
        Assert.Equal("NameCallback", callback["type"]!.GetValue<string>());
        Assert.Equal("""[{"name":"prompt","value":"User Name"}]""", callback["output"]!.ToJsonString());
        Assert.Equal("""[{"name":"IDToken1","value":""}]""", callback["input"]!.ToJsonString());
        Assert.Equal(0, callback["_id"]!.GetValue<int>());
    }

    [Fact]
    public async Task Start_EmptyObject_StartsLikeEmptyBody()
    {
        using var client = fixture.CreateClient();

        var step = await client.PostAsync(AmClient.AuthenticateUrl(SignOnJourneys.Plain), "{}");

        Assert.Equal(HttpStatusCode.OK, step.Status);
        Assert.Equal("NameCallback", step.Body["callbacks"]![0]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task PlainJourney_RightPassword_SucceedsWithTokenIdAndSessionCookie()
    {
        using var client = fixture.CreateClient();

        var name = await client.StartAsync(SignOnJourneys.Plain);
        var password = await client.SubmitAsync(AmClient.Fill(name.Body, SignOnJourneys.Username), SignOnJourneys.Plain);
        Assert.Equal("PasswordCallback", password.Body["callbacks"]![0]!["type"]!.GetValue<string>());
        Assert.NotEqual(name.Body["authId"]!.GetValue<string>(), password.Body["authId"]!.GetValue<string>());
        var success = await client.SubmitAsync(AmClient.Fill(password.Body, SignOnJourneys.Password), SignOnJourneys.Plain);

        Assert.Equal(HttpStatusCode.OK, success.Status);
        var tokenId = success.Body["tokenId"]!.GetValue<string>();
        Assert.Equal(43, tokenId.Length); // 32 bytes, base64url without padding
        Assert.Equal("/account?realm=alpha", success.Body["successUrl"]!.GetValue<string>());
        Assert.Equal("/alpha", success.Body["realm"]!.GetValue<string>());
        Assert.Equal(tokenId, client.SessionCookie);
        var setCookie = Assert.Single(success.Message.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", setCookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task PlainJourney_WrongPassword_AnswersAmLoginFailure()
    {
        using var client = fixture.CreateClient();

        var failure = await client.SignOnAsync(SignOnJourneys.Plain, SignOnJourneys.Username, "wrong-password");

        Assert.Equal(HttpStatusCode.Unauthorized, failure.Status);
        Assert.Equal("""{"code":401,"reason":"Unauthorized","message":"Login failure","detail":{"failureUrl":""}}""", failure.Text);
        Assert.Null(client.SessionCookie);
    }

    [Fact]
    public async Task PageJourney_SendsBothCallbacksWithHeaderAndNumberedInputs()
    {
        using var client = fixture.CreateClient();

        var step = await client.StartAsync(SignOnJourneys.PageWithRetry);

        Assert.Equal("Sign In", step.Body["header"]!.GetValue<string>());
        var callbacks = step.Body["callbacks"]!.AsArray();
        Assert.Equal(["NameCallback", "PasswordCallback"], callbacks.Select(c => c!["type"]!.GetValue<string>()));
        Assert.Equal(["IDToken1", "IDToken2"], callbacks.Select(c => c!["input"]![0]!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task PageJourney_WrongPasswordThenRight_RetriesTheSamePageAndSucceeds()
    {
        using var client = fixture.CreateClient();
        var first = await client.StartAsync(SignOnJourneys.PageWithRetry);

        var again = await client.SubmitAsync(AmClient.Fill(first.Body, SignOnJourneys.Username, "wrong-password"));
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(["NameCallback", "PasswordCallback"], again.Body["callbacks"]!.AsArray().Select(c => c!["type"]!.GetValue<string>()));
        var success = await client.SubmitAsync(AmClient.Fill(again.Body, SignOnJourneys.Username, SignOnJourneys.Password));

        Assert.Equal(HttpStatusCode.OK, success.Status);
        Assert.NotNull(success.Body["tokenId"]);
    }

    [Fact]
    public async Task PageJourney_TooManyWrongPasswords_FailsAtRetryLimit()
    {
        using var client = fixture.CreateClient();
        var identities = fixture.Server.Services.GetRequiredService<Runtime.Identities.IdentityStore>();
        await identities.CreateAsync(new Runtime.Identities.NewIdentity("retry-user", SignOnJourneys.Password));
        var step = await client.StartAsync(SignOnJourneys.PageWithRetry);

        step = await client.SubmitAsync(AmClient.Fill(step.Body, "retry-user", "wrong-1"));
        Assert.Equal(HttpStatusCode.OK, step.Status);
        step = await client.SubmitAsync(AmClient.Fill(step.Body, "retry-user", "wrong-2"));
        Assert.Equal(HttpStatusCode.OK, step.Status);
        var failure = await client.SubmitAsync(AmClient.Fill(step.Body, "retry-user", "wrong-3"));

        Assert.Equal(HttpStatusCode.Unauthorized, failure.Status);
        Assert.Equal("Login failure", failure.ErrorMessage);
    }

    [Fact]
    public async Task Start_WithoutJourney_RunsTheRealmDefault()
    {
        await using var server = StudioServer.Start();
        await SignOnJourneys.SeedAsync(server, SignOnJourneys.PageRetryJourney("Test Default") with
        {
            Settings = new Journeys.Model.JourneySettings { IsRealmDefault = true },
        });
        using var client = new AmClient(server);

        var step = await client.StartAsync(null);
        var rootStep = await client.StartAsync(null, "json/realms/root");

        Assert.Equal(HttpStatusCode.OK, step.Status);
        Assert.Equal("Sign In", step.Body["header"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, rootStep.Status);
        var sessions = await server.Services.GetRequiredService<JourneySessionStore>().ListRecentAsync("Test Default", 10);
        Assert.Equal(2, sessions.Count);
    }

    [Fact]
    public async Task RootRealm_ShortPath_SignsOnWithRootRealmUrls()
    {
        using var client = fixture.CreateClient();
        var step = await client.StartAsync(SignOnJourneys.Plain, "json/realms/root");
        step = await client.SubmitAsync(AmClient.Fill(step.Body, SignOnJourneys.Username), SignOnJourneys.Plain, "json/realms/root");

        var success = await client.SubmitAsync(AmClient.Fill(step.Body, SignOnJourneys.Password), SignOnJourneys.Plain, "json/realms/root");

        Assert.Equal(HttpStatusCode.OK, success.Status);
        Assert.Equal("/", success.Body["realm"]!.GetValue<string>());
        Assert.Equal("/account?realm=root", success.Body["successUrl"]!.GetValue<string>());
    }

    [Fact]
    public async Task NoSessionJourney_SucceedsWithoutTokenIdOrCookie()
    {
        await using var server = StudioServer.Start();
        var journey = SignOnJourneys.PlainJourney("Test No Session") with { Settings = new Journeys.Model.JourneySettings { NoSession = true } };
        await SignOnJourneys.SeedAsync(server, journey);
        using var client = new AmClient(server);

        var success = await client.SignOnAsync("Test No Session", SignOnJourneys.Username, SignOnJourneys.Password);

        Assert.Equal(HttpStatusCode.OK, success.Status);
        Assert.Equal("""{"successUrl":"/account?realm=alpha","realm":"/alpha"}""", success.Text);
        Assert.Null(client.SessionCookie);
    }

    [Fact]
    public async Task SignOn_RecordsThePathForTheDesigner()
    {
        await using var server = StudioServer.Start();
        await SignOnJourneys.SeedAsync(server);
        using var client = new AmClient(server);
        await client.SignOnAsync(SignOnJourneys.Plain, SignOnJourneys.Username, SignOnJourneys.Password);
        await client.SignOnAsync(SignOnJourneys.Plain, SignOnJourneys.Username, "wrong");

        var recent = await server.Services.GetRequiredService<JourneySessionStore>().ListRecentAsync(SignOnJourneys.Plain, 10);

        Assert.Equal([JourneySessionStatus.Failed, JourneySessionStatus.Succeeded], recent.Select(r => r.Status));
        Assert.Equal([("user", "outcome"), ("password", "outcome"), ("check", "true")], recent[1].VisitedPath.Select(v => (v.NodeId, v.Outcome)));
        Assert.Equal("false", recent[0].VisitedPath[^1].Outcome);
    }
}
