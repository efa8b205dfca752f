using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Runtime.Email;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Nodes;
using JourneyStudio.Runtime.Push;
using JourneyStudio.Runtime.Tests.Nodes.Mfa;
using JourneyStudio.Runtime.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace JourneyStudio.Runtime.Tests.Engine;

public sealed class JourneyEngineServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddJourneyEngine_WithWhatTheProcessorsTake_ResolvesEveryProcessorAndRunsAJourney()
    {
        // The real stores on a real database, as the MFA tests use them.
        await using var mfa = await MfaHarness.StartAsync(JourneyStudio.Runtime.Persistence.DatabaseProvider.Sqlite);
        var journeys = new FakeJourneyResolver();
        journeys.Save(J.Journey("Login", "user", J.Node("user", "UsernameCollectorNode", new { outcome = J.Success })));
        var services = new ServiceCollection()
            .AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>))
            .AddSingleton<TimeProvider>(mfa.Clock)
            .AddSingleton<IJourneyResolver>(journeys)
            .AddSingleton<IIdentityVerifier>(new FakeIdentityVerifier())
            .AddSingleton(mfa.Guard)
            .AddSingleton<IPushTransport>(mfa.Transport)
            .AddSingleton(mfa.Identities)
            .AddSingleton<JourneyStudio.Runtime.Identities.ManagedUserAttributes>()
            .AddSingleton(mfa.Devices)
            .AddSingleton(mfa.RecoveryCodes)
            .AddSingleton(mfa.Messages)
            .AddSingleton(mfa.Protector)
            // idRepository reads identities synchronously from the database (IdentityStoreScriptIdentities).
            .AddSingleton(mfa.Db.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<JourneyStudio.Runtime.Persistence.JourneyStudioDbContext>>())
            .AddSingleton(provider => new JourneyStudio.Runtime.Persistence.SignOnDbContextFactory(provider.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<JourneyStudio.Runtime.Persistence.JourneyStudioDbContext>>()))
            .AddSingleton<JourneyStudio.Runtime.Audit.IAuditLog>(mfa.Audit)
            .AddJourneyStudioEmail(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build())
            .AddSingleton<IIdentityAccounts>(new FakeIdentityAccounts())
            .AddSingleton<JourneyStudio.Runtime.SelfService.ISelfServiceContent>(new FakeSelfServiceContent())
            .AddSingleton(JourneyStudio.Runtime.Identities.IdentitySchema.Default)
            .AddJourneyEngine()
            // Validation on build: a processor whose constructor asks for something unregistered fails here, not at its first sign-on.
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        using var scope = services.CreateScope();

        var engine = scope.ServiceProvider.GetRequiredService<JourneyEngine>();
        var step = await engine.StartAsync("Login", "alpha");

        Assert.Equal("NameCallback", Assert.IsType<JourneyStep>(step).Callbacks[0].Type);
        // Every node type has a processor except Page and Inner Tree Evaluator, which the engine runs itself.
        Assert.Equal(
            NodeTypeIds.All.Except([NodeTypeIds.PageNode, NodeTypeIds.InnerTreeEvaluator]).Order(),
            scope.ServiceProvider.GetServices<INodeProcessor>().Select(p => p.TypeId).Order());
    }
}
