using JourneyStudio.Runtime.Devices;
using JourneyStudio.Runtime.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyStudio.Runtime.Tests.Persistence;

/// <summary>The Data Protection key ring lives in the database, so every instance on it reads what any other protected.</summary>
public abstract class DataProtectionKeyRingTests(DatabaseProvider provider)
{
    private static readonly byte[] DeviceSecret = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

    [Fact]
    public async Task ProtectedData_UnprotectsAfterARestart_WithTheKeysInTheDatabase_AndNoKeyFiles()
    {
        await using var first = await TestDatabase.StartAsync(provider);
        var token = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("secret");

        await using var restarted = await first.RestartAsync();

        Assert.Equal("secret", restarted.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(token));
        await using var db = restarted.CreateContext();
        Assert.NotEmpty(await db.DataProtectionKeys.ToListAsync());
        Assert.False(Directory.Exists(Path.Combine(restarted.DataDirectory, "keys")));
    }

    [Fact]
    public async Task ASecretProtectedByOneInstance_IsReadByAnotherWithItsOwnDataDirectory()
    {
        await using var a = await TestDatabase.StartAsync(provider);
        await using var b = await a.SecondInstanceAsync();
        Assert.NotEqual(a.DataDirectory, b.DataDirectory);

        var stored = a.Services.GetRequiredService<SecretProtector>().Protect(DeviceSecret);

        Assert.Equal(DeviceSecret, b.Services.GetRequiredService<SecretProtector>().Unprotect(stored));
    }

    [Fact]
    public async Task KeysLeftInTheDataDirectoryByAnEarlierVersion_AreImported_SoWhatTheyProtectedStaysReadable()
    {
        // The data directory as versions before the shared key ring left it: the key ring as files in keys/.
        var root = Directory.CreateTempSubdirectory("journeystudio-oldkeys-").FullName;
        var keys = Path.Combine(root, "data", "keys");
        string storedSecret;
        await using (var old = new ServiceCollection()
                         .AddDataProtection().SetApplicationName(JourneyStudioDataServiceCollectionExtensions.DataProtectionApplicationName)
                         .PersistKeysToFileSystem(new DirectoryInfo(keys)).Services.BuildServiceProvider())
            storedSecret = new SecretProtector(old.GetRequiredService<IDataProtectionProvider>()).Protect(DeviceSecret);
        var keyFiles = Directory.GetFiles(keys, "*.xml");
        Assert.Single(keyFiles);

        await using var upgraded = await TestDatabase.StartInAsync(root, provider);

        Assert.Equal(DeviceSecret, upgraded.Services.GetRequiredService<SecretProtector>().Unprotect(storedSecret));
        await using (var db = upgraded.CreateContext())
            Assert.Equal([Path.GetFileNameWithoutExtension(keyFiles[0])], await db.DataProtectionKeys.Select(k => k.FriendlyName).ToListAsync());
        Assert.True(File.Exists(keyFiles[0])); // nothing deleted

        // Imported once: the next start finds the key in the database and adds nothing.
        await using var again = await upgraded.RestartAsync();
        await using (var db = again.CreateContext())
            Assert.Equal(1, await db.DataProtectionKeys.CountAsync());
    }
}

public sealed class DataProtectionKeyRingTestsOnSqlite() : DataProtectionKeyRingTests(DatabaseProvider.Sqlite);

public sealed class DataProtectionKeyRingTestsOnPostgres() : DataProtectionKeyRingTests(DatabaseProvider.Postgres);
