using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using JourneyStudio.Runtime.Identities;
using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyStudio.Web.Tests.Admin;

/// <summary>
/// <c>GET /admin/api/identities</c> over HTTP on both databases: searched and paged by the database, the same array as
/// before, with the total in <c>X-Total-Count</c>; bad paging parameters are a 400 that names them.
/// </summary>
public abstract class IdentityListTests(DatabaseProvider provider) : IAsyncLifetime
{
    private StudioServer _server = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _server = StudioServer.Start(provider: provider);
        _admin = _server.CreateClient();
        _admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{StudioServer.AdminUsername}:{StudioServer.AdminPassword}")));
        var identities = _server.Services.GetRequiredService<IdentityStore>();
        foreach (var (username, sn) in new[] { ("page.e", "Eve"), ("page.a", "Ödegaard"), ("page.c", "Carr"), ("page.b", "Bell"), ("page.d", "Dunn"), ("other", "Other") })
            Assert.IsType<IdentityResult.Done>(await identities.CreateAsync(new NewIdentity(username, "Page-password-1", "Pat", sn, $"{username}@example.com")));
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _server.DisposeAsync();
    }

    private async Task<(string[] Usernames, string? Total)> ListAsync(string query)
    {
        using var response = await _admin.GetAsync("/admin/api/identities" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var total = response.Headers.TryGetValues("X-Total-Count", out var values) ? values.Single() : null;
        return (body.RootElement.EnumerateArray().Select(i => i.GetProperty("username").GetString()!).ToArray(), total);
    }

    [Fact]
    public async Task LimitAndOffset_GiveOnePageByUsername_AndTheTotalOfTheSearch()
    {
        var (usernames, total) = await ListAsync("?search=page.&offset=1&limit=2");

        Assert.Equal(["page.b", "page.c"], usernames);
        Assert.Equal("5", total);
        Assert.Equal(["page.e"], (await ListAsync("?search=PAGE.&offset=4&limit=2")).Usernames);
        Assert.Empty((await ListAsync("?search=page.&offset=10")).Usernames);
    }

    [Fact]
    public async Task Search_IgnoresTheCaseOfEveryLetter_InEveryNameField()
    {
        Assert.Equal(["page.a"], (await ListAsync("?search=" + Uri.EscapeDataString("öDEGAARD"))).Usernames);
        Assert.Equal(["page.d"], (await ListAsync("?search=PAGE.D@EXAMPLE")).Usernames);
        Assert.Empty((await ListAsync("?search=odegaard")).Usernames); // accents are kept
    }

    [Fact]
    public async Task NoParameters_ListEveryoneUpToTheDefaultPage()
    {
        var (usernames, total) = await ListAsync("");

        Assert.Equal(["other", "page.a", "page.b", "page.c", "page.d", "page.e"], usernames);
        Assert.Equal("6", total);
    }

    [Theory]
    [InlineData("?limit=0", "?limit", "from 1 to 500")]
    [InlineData("?limit=501", "?limit", "from 1 to 500")]
    [InlineData("?limit=ten", "?limit", "not a whole number")]
    [InlineData("?offset=-1", "?offset", "not a whole number")]
    [InlineData("?page=2", "?page", "unknown parameter")]
    [InlineData("?limit=1&limit=2", "?limit", "more than once")]
    public async Task BadParameters_Answer400NamingThem(string query, string path, string message)
    {
        using var response = await _admin.GetAsync("/admin/api/identities" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = Assert.Single(body.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal(path, error.GetProperty("path").GetString());
        Assert.Contains(message, error.GetProperty("message").GetString());
    }
}

public sealed class IdentityListTestsOnSqlite() : IdentityListTests(DatabaseProvider.Sqlite);

public sealed class IdentityListTestsOnPostgres() : IdentityListTests(DatabaseProvider.Postgres);
