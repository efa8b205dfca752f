using JourneyStudio.Runtime.Identities;
using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Runtime.Sessions;
using JourneyStudio.Runtime.Tests.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace JourneyStudio.Runtime.Tests.Identities;

/// <summary>
/// The identities list's search: any part of the username, names or mail, without regard to case (every letter's,
/// not ASCII only), the same on both providers, and names unique without regard to case.
/// </summary>
public abstract class IdentitySearchTests(DatabaseProvider provider) : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private IdentityStore _identities = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.StartAsync(provider);
        var contexts = _db.Services.GetRequiredService<IDbContextFactory<JourneyStudioDbContext>>();
        _identities = new IdentityStore(contexts, new BoundedPasswordHasher(1), _db.Clock,
            new UserSessionStore(contexts, Options.Create(new JourneySessionOptions()), _db.Clock));
        foreach (var identity in new[]
                 {
                     new NewIdentity("Ann.Lee", "Password-1-ann", "Ann", "Lee", "ann@example.com"),
                     new NewIdentity("bob", "Password-1-bob", "Robert", "Jansen", "bob@example.org"),
                     new NewIdentity("chloé", "Password-1-chloe", "Chloé", "Ünal", "c@example.net"),
                 })
            Assert.IsType<IdentityResult.Done>(await _identities.CreateAsync(identity));
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Theory]
    [InlineData("ann", new[] { "Ann.Lee" })]
    [InlineData("LEE", new[] { "Ann.Lee" })]
    [InlineData("SEN", new[] { "bob" })]
    [InlineData("example.org", new[] { "bob" })]
    [InlineData("ünal", new[] { "chloé" })]
    [InlineData("CHLOÉ", new[] { "chloé" })]
    [InlineData("%", new string[0])]
    [InlineData("  example  ", new[] { "Ann.Lee", "bob", "chloé" })]
    [InlineData("", new[] { "Ann.Lee", "bob", "chloé" })]
    public async Task Search_FindsAnyPartOfTheNamesOrMail_WithoutRegardToCase(string search, string[] expected)
    {
        var found = (await _identities.SearchAsync(new IdentityQuery { Search = search })).Identities;

        Assert.Equal(expected, found.Select(i => i.Username));
    }

    [Fact]
    public async Task AUsernameDifferingOnlyInCase_IsTaken()
    {
        var result = await _identities.CreateAsync(new NewIdentity("ANN.LEE", "Password-1-other"));

        Assert.Equal("Ann.Lee", Assert.IsType<IdentityResult.UsernameTaken>(result).ExistingUsername);
        Assert.Equal("Ann.Lee", (await _identities.GetAsync("ann.lee"))!.Username);
    }
}

public sealed class IdentitySearchTestsOnSqlite() : IdentitySearchTests(DatabaseProvider.Sqlite);

public sealed class IdentitySearchTestsOnPostgres() : IdentitySearchTests(DatabaseProvider.Postgres);
