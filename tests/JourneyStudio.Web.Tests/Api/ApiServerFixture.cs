using JourneyStudio.Testing;

namespace JourneyStudio.Web.Tests.Api;

/// <summary>One studio with the test user and the sign-on journeys, shared by the tests of a class.</summary>
public sealed class ApiServerFixture : IAsyncLifetime
{
    public StudioServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = StudioServer.Start();
        await SignOnJourneys.SeedAsync(Server);
    }

    public AmClient CreateClient() => new(Server);

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
