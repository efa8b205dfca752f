using System.Text.Json.Nodes;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Runtime.Callbacks;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Identities;
using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Runtime.Sessions;
using JourneyStudio.Runtime.Tests.Persistence;
using JourneyStudio.Runtime.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace JourneyStudio.Runtime.Tests.Nodes.Identity;

/// <summary>
/// The identity management nodes over a real SQLite database: the store, the IDM attribute accessor and the verifier wired as
/// the host wires them; contexts as the engine makes them.
/// </summary>
public abstract class IdentityNodeTests : IAsyncLifetime
{
    internal TestDatabase Db = null!;

    protected IdentityStore Store { get; private set; } = null!;

    protected ManagedUserAttributes Users { get; private set; } = null!;

    protected IdentityVerifier Verifier { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Db = await TestDatabase.StartAsync();
        var contexts = Db.Services.GetRequiredService<IDbContextFactory<JourneyStudioDbContext>>();
        var hasher = new BoundedPasswordHasher(1);
        Store = new IdentityStore(contexts, hasher, Db.Clock, new UserSessionStore(contexts, Options.Create(new JourneySessionOptions()), Db.Clock));
        Users = new ManagedUserAttributes(Store);
        Verifier = new IdentityVerifier(Store, new PassThroughCredentialGuard(), hasher);
    }

    public async Task DisposeAsync() => await Db.DisposeAsync();

    protected async Task CreateAsync(string username, string password = "Passw0rd-long", string mail = "", Func<NewIdentity, NewIdentity>? with = null)
    {
        var identity = new NewIdentity(username, password, "Babs", "Jensen", mail);
        Assert.IsType<IdentityResult.Done>(await Store.CreateAsync(with?.Invoke(identity) ?? identity));
    }

    protected static NodeContext Context(object? shared = null, object? transient = null, IReadOnlyList<Callback>? callbacks = null) =>
        NodeContext.Create(new JourneyNode { Id = "node", NodeType = "X" }, callbacks,
            shared is null ? new JsonObject() : JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(shared))!.AsObject(),
            transient is null ? new JsonObject() : JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(transient))!.AsObject());

    protected static string? Outcome(NodeResult result) => Assert.IsType<string>(result.Outcome);
}
