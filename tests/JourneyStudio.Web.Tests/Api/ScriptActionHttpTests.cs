using System.Collections.Immutable;
using System.Net;
using System.Text.Json.Nodes;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Journeys.Scripts;
using JourneyStudio.Runtime.Identities;
using JourneyStudio.Runtime.Scripts;
using JourneyStudio.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyStudio.Web.Tests.Api;

/// <summary>
/// What AM scripts' action extras and <c>idRepository</c> do, seen by a client over real HTTP: the 401's message, the
/// session's properties in getSessionInfo, another user's profile changed in the identity store.
/// </summary>
public sealed class ScriptActionHttpTests : IAsyncLifetime
{
    private const string Deny = "Test Script Deny";
    private const string Properties = "Test Script Session Properties";
    private const string OtherUser = "Test Script Other User";
    private StudioServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = StudioServer.Start();
        await SignOnJourneys.SeedAsync(_server);
        var identities = _server.Services.GetRequiredService<IdentityStore>();
        Assert.IsType<IdentityResult.Done>(await identities.CreateAsync(new NewIdentity("bob", "Correct-horse-2", "Bob", "Brown", "bob@example.com")));
        await _server.Services.GetRequiredService<ScriptStore>().SaveAsync(
        [
            Script("deny", "1.0", """
                var fr = JavaImporter(org.forgerock.openam.auth.node.api.Action);
                action = fr.Action.goTo("false").withErrorMessage("Your account needs attention: call the help desk.").build();
                """),
            Script("props", "2.0", """
                action.goTo("true").putSessionProperty("department", "sales").putSessionProperty("level", nodeState.get("username"));
                """),
            Script("other", "2.0", """
                var manager = idRepository.getIdentity("bob");
                manager.setAttribute("givenName", ["Robert"]);
                manager.store();
                idRepository.setAttribute("bob", "sn", ["Jones"]);
                action.goTo(idRepository.getAttribute("bob", "mail").get(0) === "bob@example.com" ? "true" : "false");
                """),
        ], "tests");
        await SignOnJourneys.CreateAsync(_server, Scripted(Deny, "deny", first: true));
        await SignOnJourneys.CreateAsync(_server, Scripted(Properties, "props", first: false));
        await SignOnJourneys.CreateAsync(_server, Scripted(OtherUser, "other", first: false));
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static ScriptDefinition Script(string id, string version, string source) =>
        new() { Id = id, Name = "Test " + id, EvaluatorVersion = version, Source = source, SourceForm = ScriptSourceForm.Plain };

    /// <summary>The script alone (<paramref name="first"/>), or after Username, Password and Data Store Decision.</summary>
    private static Journey Scripted(string name, string scriptId, bool first)
    {
        var script = new JourneyNode
        {
            Id = "script",
            NodeType = NodeTypeIds.ScriptedDecision,
            DisplayName = "script",
            Config = NodeConfig.FromObject(
            [
                KeyValuePair.Create<string, object?>("script", scriptId),
                KeyValuePair.Create<string, object?>("outcomes", new[] { "true", "false" }),
            ]),
            Connections = ImmutableDictionary<string, string>.Empty.Add("true", StaticNodeIds.Success).Add("false", StaticNodeIds.Failure),
        };
        if (first) return new Journey { Name = name, EntryNodeId = "script", Nodes = [script] };
        var login = SignOnJourneys.PlainJourney(name);
        return login with
        {
            Nodes = [.. login.Nodes.Select(n => n.Id == "check" ? n with { Connections = n.Connections.ToImmutableDictionary().SetItem("true", "script") } : n), script],
        };
    }

    [Fact]
    public async Task WithErrorMessage_IsThe401Message_AsAmSendsIt()
    {
        using var client = new AmClient(_server);

        var failure = await client.StartAsync(Deny);

        Assert.Equal(HttpStatusCode.Unauthorized, failure.Status);
        Assert.Equal(
            """{"code":401,"reason":"Unauthorized","message":"Your account needs attention: call the help desk.","detail":{"failureUrl":""}}""",
            failure.Body.ToJsonString());
    }

    [Fact]
    public async Task PutSessionProperty_IsInTheSessionsPropertiesOfGetSessionInfo()
    {
        using var client = new AmClient(_server);

        var signedOn = await client.SignOnAsync(Properties, SignOnJourneys.Username, SignOnJourneys.Password);
        Assert.Equal(HttpStatusCode.OK, signedOn.Status);
        var info = await client.PostAsync($"{AmClient.AlphaPath}/sessions?_action=getSessionInfo", "{}",
            new Dictionary<string, string> { ["iPlanetDirectoryPro"] = (string)signedOn.Body["tokenId"]! });

        Assert.Equal(HttpStatusCode.OK, info.Status);
        Assert.Equal("""{"department":"sales","level":"jdoe"}""", info.Body["properties"]!.ToJsonString());
    }

    [Fact]
    public async Task ASessionWithoutProperties_HasAnEmptyPropertiesObject()
    {
        using var client = new AmClient(_server);

        var signedOn = await client.SignOnAsync(SignOnJourneys.Plain, SignOnJourneys.Username, SignOnJourneys.Password);
        var info = await client.PostAsync($"{AmClient.AlphaPath}/sessions?_action=getSessionInfo", "{}",
            new Dictionary<string, string> { ["iPlanetDirectoryPro"] = (string)signedOn.Body["tokenId"]! });

        Assert.Equal("{}", info.Body["properties"]!.ToJsonString());
    }

    [Fact]
    public async Task IdRepository_ChangesAnotherUsersProfile_InTheIdentityStore()
    {
        using var client = new AmClient(_server);

        var signedOn = await client.SignOnAsync(OtherUser, SignOnJourneys.Username, SignOnJourneys.Password);

        Assert.Equal(HttpStatusCode.OK, signedOn.Status);
        var bob = await _server.Services.GetRequiredService<IdentityStore>().GetAsync("bob");
        Assert.Equal(("Robert", "Jones"), (bob!.GivenName, bob.Sn));
        var jdoe = await _server.Services.GetRequiredService<IdentityStore>().GetAsync(SignOnJourneys.Username);
        Assert.Equal((SignOnJourneys.GivenName, SignOnJourneys.Sn), (jdoe!.GivenName, jdoe.Sn));
    }
}
