using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Nodes;
using JourneyStudio.Runtime.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace JourneyStudio.Runtime.Tests.Engine;

public sealed class JourneyEngineServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddJourneyEngine_WithResolverVerifierAndGuard_RunsAJourney()
    {
        var journeys = new FakeJourneyResolver();
        journeys.Save(J.Journey("Login", "user", J.Node("user", "UsernameCollectorNode", new { outcome = J.Success })));
        var services = new ServiceCollection()
            .AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>))
            .AddSingleton<IJourneyResolver>(journeys)
            .AddSingleton<IIdentityVerifier>(new FakeIdentityVerifier())
            .AddSingleton<JourneyStudio.Runtime.BruteForce.ICredentialGuard>(new PassThroughCredentialGuard())
            .AddJourneyEngine()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        using var scope = services.CreateScope();

        var engine = scope.ServiceProvider.GetRequiredService<JourneyEngine>();
        var step = await engine.StartAsync("Login", "alpha");

        Assert.Equal("NameCallback", Assert.IsType<JourneyStep>(step).Callbacks[0].Type);
        // Every node type has a processor except Page and Inner Tree Evaluator, which the engine runs itself.
        Assert.Equal(
            JourneyStudio.Journeys.Catalog.NodeTypeIds.All.Except(["PageNode", "InnerTreeEvaluatorNode"]).Order(),
            scope.ServiceProvider.GetServices<INodeProcessor>().Select(p => p.TypeId).Order());
    }
}
