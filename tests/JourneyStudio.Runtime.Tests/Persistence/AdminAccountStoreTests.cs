using JourneyStudio.Runtime.Persistence;

namespace JourneyStudio.Runtime.Tests.Persistence;

public abstract class AdminAccountStoreTests(DatabaseProvider provider)
{
    private static Dictionary<string, string?> AdminSettings(string? username, string? password) => new()
    {
        ["JourneyStudio:Admin:Username"] = username,
        ["JourneyStudio:Admin:Password"] = password,
    };

    [Fact]
    public async Task EnsureFirstAdmin_ConfiguredCredentials_CreatesThatAdmin()
    {
        await using var db = await TestDatabase.StartAsync(provider, AdminSettings("root-admin", "S3cure-enough"));

        var result = await db.Admins.EnsureFirstAdminAsync();

        Assert.Equal(new FirstAdminResult.Created("root-admin", GeneratedPassword: null), result);
        var verified = await db.Admins.VerifyAsync("root-admin", "S3cure-enough");
        Assert.Equal("root-admin", verified?.Username);
        Assert.Equal(db.Clock.Now, verified?.CreatedAt);
    }

    [Fact]
    public async Task EnsureFirstAdmin_ArgumentsGiven_WinOverConfiguration()
    {
        await using var db = await TestDatabase.StartAsync(provider, AdminSettings("configured", "configured-password"));

        var result = await db.Admins.EnsureFirstAdminAsync("given", "given-password");

        Assert.Equal(new FirstAdminResult.Created("given", null), result);
        Assert.NotNull(await db.Admins.VerifyAsync("given", "given-password"));
        Assert.Null(await db.Admins.VerifyAsync("configured", "configured-password"));
    }

    [Fact]
    public async Task EnsureFirstAdmin_NoPassword_GeneratesStrongPasswordStoredOnlyHashed()
    {
        await using var db = await TestDatabase.StartAsync(provider);

        var result = await db.Admins.EnsureFirstAdminAsync();

        var created = Assert.IsType<FirstAdminResult.Created>(result);
        Assert.Equal("admin", created.Username);
        var password = created.GeneratedPassword!;
        Assert.Equal(24, password.Length);
        Assert.True(password.Distinct().Count() >= 10, $"'{password}' does not look random.");
        Assert.NotNull(await db.Admins.VerifyAsync("admin", password));
        var storedHash = (string)db.QueryScalar("SELECT \"PasswordHash\" FROM \"AdminAccounts\"")!;
        Assert.DoesNotContain(password, storedHash);
        Assert.DoesNotContain(password, created.ToString());
    }

    [Fact]
    public async Task EnsureFirstAdmin_TwoFreshDatabases_GenerateDifferentPasswords()
    {
        await using var first = await TestDatabase.StartAsync(provider);
        await using var second = await TestDatabase.StartAsync(provider);

        var a = (FirstAdminResult.Created)await first.Admins.EnsureFirstAdminAsync();
        var b = (FirstAdminResult.Created)await second.Admins.EnsureFirstAdminAsync();

        Assert.NotEqual(a.GeneratedPassword, b.GeneratedPassword);
    }

    [Fact]
    public async Task EnsureFirstAdmin_NextStart_CreatesNoSecondAdminAndKeepsPassword()
    {
        await using var db = await TestDatabase.StartAsync(provider);
        var created = (FirstAdminResult.Created)await db.Admins.EnsureFirstAdminAsync();

        await using var restarted = await db.RestartAsync(AdminSettings("someone-else", "another-password"));
        var again = await restarted.Admins.EnsureFirstAdminAsync();

        Assert.Equal(new FirstAdminResult.AlreadyPresent(), again);
        Assert.Equal(1L, restarted.QueryScalar("SELECT COUNT(*) FROM \"AdminAccounts\""));
        Assert.NotNull(await restarted.Admins.VerifyAsync("admin", created.GeneratedPassword!));
        Assert.Null(await restarted.Admins.VerifyAsync("someone-else", "another-password"));
    }

    [Fact]
    public async Task EnsureFirstAdmin_ConfiguredPasswordTooShort_RefusesToStartWithSettingName()
    {
        await using var db = await TestDatabase.StartAsync(provider, AdminSettings("admin", "short"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => db.Admins.EnsureFirstAdminAsync());

        Assert.Equal("JourneyStudio:Admin:Password: An admin password needs at least 8 characters.", error.Message);
        Assert.False(await db.Admins.AnyAsync());
    }

    [Fact]
    public async Task Verify_WrongPasswordOrUnknownUser_Null()
    {
        await using var db = await TestDatabase.StartAsync(provider);
        await db.Admins.EnsureFirstAdminAsync("admin", "the-right-one");

        Assert.Null(await db.Admins.VerifyAsync("admin", "the-wrong-one"));
        Assert.Null(await db.Admins.VerifyAsync("admin", "The-Right-One"));
        Assert.Null(await db.Admins.VerifyAsync("nobody", "the-right-one"));
        Assert.Null(await db.Admins.VerifyAsync("admin", ""));
    }

    [Fact]
    public async Task Verify_UsernameInOtherCase_AcceptedWithStoredSpelling()
    {
        await using var db = await TestDatabase.StartAsync(provider);
        await db.Admins.EnsureFirstAdminAsync("Alice", "the-right-one");

        Assert.Equal("Alice", (await db.Admins.VerifyAsync("ALICE", "the-right-one"))?.Username);
    }

    [Fact]
    public async Task Create_UsernameTakenInOtherCase_UsernameTaken()
    {
        await using var db = await TestDatabase.StartAsync(provider);
        await db.Admins.EnsureFirstAdminAsync("Alice", "the-right-one");

        Assert.Equal(new AdminCreateResult.UsernameTaken("Alice"), await db.Admins.CreateAsync("alice", "another-one"));
        var bob = Assert.IsType<AdminCreateResult.Created>(await db.Admins.CreateAsync("bob", "bobs-password"));
        Assert.Equal("bob", bob.Admin.Username);
    }

    [Theory]
    [InlineData("", "long-enough", "An admin username is required.")]
    [InlineData("ali:ce", "long-enough", "An admin username cannot contain ':'.")]
    [InlineData(" alice", "long-enough", "An admin username cannot start or end with a space.")]
    [InlineData("alice", "1234567", "An admin password needs at least 8 characters.")]
    public async Task Create_BadInput_InvalidWithReason(string username, string password, string expected)
    {
        await using var db = await TestDatabase.StartAsync(provider);

        Assert.Equal(new AdminCreateResult.Invalid(expected), await db.Admins.CreateAsync(username, password));
        Assert.False(await db.Admins.AnyAsync());
    }
}

public sealed class AdminAccountStoreTestsOnSqlite() : AdminAccountStoreTests(DatabaseProvider.Sqlite);

public sealed class AdminAccountStoreTestsOnPostgres() : AdminAccountStoreTests(DatabaseProvider.Postgres);
