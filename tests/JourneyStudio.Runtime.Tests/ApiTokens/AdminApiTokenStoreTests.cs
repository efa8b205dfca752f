using JourneyStudio.Runtime.ApiTokens;
using JourneyStudio.Runtime.Audit;
using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Runtime.Tests.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyStudio.Runtime.Tests.ApiTokens;

/// <summary>The token store on a real SQLite file: names, expiry, revocation, authentication and its named rejections.</summary>
public abstract class AdminApiTokenStoreTests(DatabaseProvider provider) : IAsyncLifetime
{
    private static readonly AuditActor Ann = new("ann", "studio", "127.0.0.1");

    private TestDatabase _db = null!;

    private AdminApiTokenStore _tokens = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.StartAsync(provider);
        _tokens = new AdminApiTokenStore(_db.Services.GetRequiredService<IDbContextFactory<JourneyStudioDbContext>>(), new NoAuditLog(), _db.Clock);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<(AdminApiTokenSummary Summary, string Token)> CreateAsync(string name, DateTimeOffset? expiresAt = null)
    {
        var created = Assert.IsType<AdminApiTokenCreateResult.Created>(await _tokens.CreateAsync(name, expiresAt, Ann));
        return (created.Summary, created.Token);
    }

    [Fact]
    public async Task Create_ReturnsADistinctPrefixedToken_AndListsWhoCreatedItWhen()
    {
        var (first, firstToken) = await CreateAsync("ci");
        var (_, secondToken) = await CreateAsync("cd");

        Assert.NotEqual(firstToken, secondToken);
        Assert.True(AdminApiTokenRules.HasTokenShape(firstToken));
        Assert.Equal(new AdminApiTokenSummary(first.Id, "ci", "ann", _db.Clock.Now, null, null, null, null), first);
        Assert.Equal(["cd", "ci"], (await _tokens.ListAsync()).Select(t => t.Name));
    }

    [Fact]
    public void CreatedResult_DoesNotPrintTheToken()
    {
        var result = new AdminApiTokenCreateResult.Created(new AdminApiTokenSummary(1, "ci", "ann", default, null, null, null, null), "jst_secret");

        Assert.DoesNotContain("jst_secret", result.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(" padded")]
    [InlineData("tab\tinside")]
    public async Task Create_WithABadName_IsInvalid(string name) =>
        Assert.IsType<AdminApiTokenCreateResult.Invalid>(await _tokens.CreateAsync(name, null, Ann));

    [Fact]
    public async Task Create_WithAnExpiryInThePast_IsInvalid() =>
        Assert.IsType<AdminApiTokenCreateResult.Invalid>(await _tokens.CreateAsync("late", _db.Clock.Now, Ann));

    [Fact]
    public async Task Create_WithTheNameOfALiveToken_InAnyCase_IsTaken_UntilThatOneIsRevoked()
    {
        var (existing, _) = await CreateAsync("Deploy");

        Assert.Equal(new AdminApiTokenCreateResult.NameTaken("Deploy"), await _tokens.CreateAsync("deploy", null, Ann));
        await _tokens.RevokeAsync(existing.Id, Ann);
        Assert.IsType<AdminApiTokenCreateResult.Created>(await _tokens.CreateAsync("deploy", null, Ann));
    }

    [Fact]
    public async Task Authenticate_NamesWhyATokenIsRefused()
    {
        var (revoked, revokedToken) = await CreateAsync("revoked");
        await _tokens.RevokeAsync(revoked.Id, Ann);
        var (_, expiringToken) = await CreateAsync("expiring", _db.Clock.Now.AddHours(1));
        _db.Clock.Advance(TimeSpan.FromHours(1));

        Assert.Equal(new AdminApiTokenCheck.Rejected(AdminApiTokenRejection.Revoked, "revoked"), await _tokens.AuthenticateAsync(revokedToken));
        Assert.Equal(new AdminApiTokenCheck.Rejected(AdminApiTokenRejection.Expired, "expiring"), await _tokens.AuthenticateAsync(expiringToken));
        Assert.Equal(new AdminApiTokenCheck.Rejected(AdminApiTokenRejection.Unknown), await _tokens.AuthenticateAsync(AdminApiTokenRules.NewToken()));
        Assert.Equal(new AdminApiTokenCheck.Rejected(AdminApiTokenRejection.Malformed), await _tokens.AuthenticateAsync("jst_" + new string('!', 43)));
        Assert.Equal(new AdminApiTokenCheck.Rejected(AdminApiTokenRejection.Malformed), await _tokens.AuthenticateAsync(null));
    }

    [Fact]
    public async Task Authenticate_RecordsLastUse_OncePerMinute()
    {
        var (_, token) = await CreateAsync("busy");
        var start = _db.Clock.Now;

        await _tokens.AuthenticateAsync(token);
        _db.Clock.Advance(TimeSpan.FromSeconds(59));
        await _tokens.AuthenticateAsync(token);
        var afterTwo = Assert.Single(await _tokens.ListAsync()).LastUsedAt;
        _db.Clock.Advance(TimeSpan.FromSeconds(1));
        var third = Assert.IsType<AdminApiTokenCheck.Valid>(await _tokens.AuthenticateAsync(token));

        Assert.Equal(start, afterTwo);
        Assert.Equal(start.AddMinutes(1), third.Summary.LastUsedAt);
        Assert.Equal(start.AddMinutes(1), Assert.Single(await _tokens.ListAsync()).LastUsedAt);
    }

    [Fact]
    public async Task Revoke_Twice_SaysAlreadyRevoked_AndAnUnknownIdIsNotFound()
    {
        var (token, _) = await CreateAsync("once");

        var first = Assert.IsType<AdminApiTokenRevokeResult.Revoked>(await _tokens.RevokeAsync(token.Id, Ann));
        Assert.IsType<AdminApiTokenRevokeResult.AlreadyRevoked>(await _tokens.RevokeAsync(token.Id, new AuditActor("bob", "studio")));
        Assert.IsType<AdminApiTokenRevokeResult.NotFound>(await _tokens.RevokeAsync(token.Id + 100, Ann));

        Assert.Equal(("ann", _db.Clock.Now), (first.Summary.RevokedBy, first.Summary.RevokedAt));
        Assert.Equal(AdminApiTokenState.Revoked, Assert.Single(await _tokens.ListAsync()).StateAt(_db.Clock.Now));
    }

    [Fact]
    public async Task List_ShowsLiveTokensBeforeRevokedOnes()
    {
        var (old, _) = await CreateAsync("old");
        _db.Clock.Advance(TimeSpan.FromMinutes(1));
        await CreateAsync("newer");
        _db.Clock.Advance(TimeSpan.FromMinutes(1));
        await CreateAsync("newest");
        await _tokens.RevokeAsync((await _tokens.ListAsync()).Single(t => t.Name == "newest").Id, Ann);

        Assert.Equal(["newer", "old", "newest"], (await _tokens.ListAsync()).Select(t => t.Name));
        Assert.Equal(AdminApiTokenState.Active, old.StateAt(_db.Clock.Now));
    }
}

public sealed class AdminApiTokenStoreTestsOnSqlite() : AdminApiTokenStoreTests(DatabaseProvider.Sqlite);

public sealed class AdminApiTokenStoreTestsOnPostgres() : AdminApiTokenStoreTests(DatabaseProvider.Postgres);
