using System.Collections.Immutable;
using JourneyStudio.BrowserTests.Infrastructure;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Journeys.Scripts;
using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Runtime.Scripts;
using JourneyStudio.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace JourneyStudio.BrowserTests.HostedSignOn;

/// <summary>A script's <c>withErrorMessage</c> is what the hosted page tells the user when the sign-on fails.</summary>
[Collection(BrowserCollection.Name)]
public sealed class HostedScriptErrorMessageTests(BrowserFixture fixture)
{
    private const string Journey = "Test Hosted Script Error Message";
    private const string Message = "Your account needs attention: call the help desk.";

    [Fact]
    public async Task AScriptsErrorMessage_IsShownOnTheSignOnFailedPage()
    {
        await fixture.Server.Services.GetRequiredService<ScriptStore>().SaveAsync(
        [
            new ScriptDefinition
            {
                Id = "hosted-error-message", Name = "Test hosted error message", EvaluatorVersion = ScriptDefinition.NextGenerationEvaluator,
                Source = $"action.goTo(\"false\").withErrorMessage(\"{Message}\");", SourceForm = ScriptSourceForm.Plain,
            },
        ], "tests");
        if (await fixture.Server.Services.GetRequiredService<JourneyStore>().GetAsync(Journey) is null)
            await SignOnJourneys.CreateAsync(fixture.Server, new Journey
            {
                Name = Journey,
                EntryNodeId = "script",
                Nodes =
                [
                    new JourneyNode
                    {
                        Id = "script", NodeType = NodeTypeIds.ScriptedDecision, DisplayName = "script",
                        Config = NodeConfig.FromObject(
                        [
                            KeyValuePair.Create<string, object?>("script", "hosted-error-message"),
                            KeyValuePair.Create<string, object?>("outcomes", new[] { "true", "false" }),
                        ]),
                        Connections = ImmutableDictionary<string, string>.Empty.Add("true", StaticNodeIds.Success).Add("false", StaticNodeIds.Failure),
                    },
                ],
            });
        var page = await fixture.NewPageAsync();

        await page.GotoAsync("/login?journey=" + Uri.EscapeDataString(Journey));

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign-on failed" })).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator("#card div.alert")).ToHaveTextAsync(Message, new() { Timeout = 20_000 });
    }
}
