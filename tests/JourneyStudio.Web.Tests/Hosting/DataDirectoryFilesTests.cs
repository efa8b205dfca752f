using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using JourneyStudio.Testing;
using JourneyStudio.Web.Tests.Api;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyStudio.Web.Tests.Hosting;

/// <summary>
/// The data directory holds password hashes, MFA secrets and the keys that decrypt them: only the studio's
/// own user may read it, whatever umask it was started with, and the keys can be encrypted with a certificate.
/// </summary>
public sealed class DataDirectoryFilesTests : IDisposable
{
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly string _work = Directory.CreateTempSubdirectory("journeystudio-files-").FullName;

    [Fact]
    public async Task FirstStart_WithPermissiveUmask_CreatesEverythingOwnerOnly()
    {
        var dataDirectory = Path.Combine(_work, "new", "data");
        // umask 000 would make every file the program creates world-writable unless it sets modes itself.
        await using var studio = StudioProcess.StartShell($"umask 000 && exec dotnet '{StudioProcess.BuildOutputDll}'", _work, new Dictionary<string, string>
        {
            ["JourneyStudio__DataDirectory"] = dataDirectory,
            ["JourneyStudio__Admin__Password"] = "Files-test-password-1",
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
        });
        var baseAddress = await studio.WaitForListeningAsync(TimeSpan.FromMinutes(2));
        using (var http = new HttpClient { BaseAddress = baseAddress })
            Assert.Equal(HttpStatusCode.OK, (await http.PostAsync(AmClient.AuthenticateUrl("Login"), null)).StatusCode); // a protected authId: the key ring is in use

        Assert.Equal(OwnerOnlyDirectory, File.GetUnixFileMode(dataDirectory));
        // Write-ahead log and shared memory exist while the studio runs.
        foreach (var file in new[] { "journeystudio.db", "journeystudio.db-wal", "journeystudio.db-shm" })
            Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(Path.Combine(dataDirectory, file)));
        // The key ring is in the database (inside the owner-only file), not in files of its own.
        Assert.False(Directory.Exists(Path.Combine(dataDirectory, "keys")));
    }

    [Fact]
    public async Task Restart_OnFilesWithWiderModes_MakesThemOwnerOnly_AndLeavesTheChosenDirectoryMode()
    {
        var dataDirectory = Path.Combine(_work, "data");
        // A key ring folder as an earlier version left it (imported at start, kept owner-only like the database).
        var earlierKeyRing = new ServiceCollection().AddDataProtection().SetApplicationName("JourneyStudio")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "keys"))).Services.BuildServiceProvider();
        await using (earlierKeyRing)
            earlierKeyRing.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("x");
        await using (StudioServer.Start(dataDirectory: dataDirectory, keepDataDirectory: true)) { }
        const UnixFileMode groupReadable = OwnerOnlyDirectory | UnixFileMode.GroupRead | UnixFileMode.GroupExecute;
        const UnixFileMode worldReadable = OwnerOnlyFile | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        File.SetUnixFileMode(dataDirectory, groupReadable);
        File.SetUnixFileMode(Path.Combine(dataDirectory, "journeystudio.db"), worldReadable);
        File.SetUnixFileMode(Path.Combine(dataDirectory, "keys"), groupReadable | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        foreach (var key in Directory.GetFiles(Path.Combine(dataDirectory, "keys"))) File.SetUnixFileMode(key, worldReadable);

        await using var again = StudioServer.Start(dataDirectory: dataDirectory);

        Assert.Equal(groupReadable, File.GetUnixFileMode(dataDirectory)); // the operator's choice; the log warns
        Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(Path.Combine(dataDirectory, "journeystudio.db")));
        Assert.Equal(OwnerOnlyDirectory, File.GetUnixFileMode(Path.Combine(dataDirectory, "keys")));
        Assert.All(Directory.GetFiles(Path.Combine(dataDirectory, "keys")), key => Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(key)));
    }

    [Fact]
    public async Task WithCertificate_KeysInTheDatabaseAreEncrypted_AndASignOnStartedBeforeARestartFinishesAfterIt()
    {
        var dataDirectory = Path.Combine(_work, "data");
        var settings = new Dictionary<string, string?>
        {
            ["JourneyStudio:DataProtection:CertificatePath"] = WriteSelfSignedPfx(Path.Combine(_work, "keyring.pfx"), "Pfx-password-1"),
            ["JourneyStudio:DataProtection:CertificatePassword"] = "Pfx-password-1",
        };

        AmResponse firstStep;
        await using (var first = StudioServer.Start(settings, dataDirectory, keepDataDirectory: true))
        {
            await SignOnJourneys.SeedAsync(first);
            using var client = new AmClient(first);
            firstStep = await client.StartAsync(SignOnJourneys.Plain);
            Assert.Equal(HttpStatusCode.OK, firstStep.Status);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        string keyXml;
        await using (var database = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(dataDirectory, "journeystudio.db")};Pooling=False"))
        {
            await database.OpenAsync();
            await using var query = database.CreateCommand();
            query.CommandText = "SELECT \"Xml\" FROM \"DataProtectionKeys\"";
            keyXml = (string)(await query.ExecuteScalarAsync())!;
        }
        Assert.Contains("<encryptedSecret", keyXml);
        Assert.Contains("http://www.w3.org/2001/04/xmlenc#", keyXml);
        Assert.DoesNotContain("<masterKey", keyXml); // the plain key material would be here

        await using var second = StudioServer.Start(settings, dataDirectory);
        using var again = new AmClient(second);
        var user = await again.SubmitAsync(AmClient.Fill(firstStep.Body, SignOnJourneys.Username), SignOnJourneys.Plain);
        var done = await again.SubmitAsync(AmClient.Fill(user.Body, SignOnJourneys.Password), SignOnJourneys.Plain);
        Assert.Equal(HttpStatusCode.OK, done.Status);
        Assert.NotNull(done.Body["tokenId"]);
    }

    [Fact]
    public void WithCertificateOfTheWrongPassword_StartStopsNamingTheSetting()
    {
        var path = WriteSelfSignedPfx(Path.Combine(_work, "keyring.pfx"), "Pfx-password-1");

        var error = Assert.ThrowsAny<Exception>(() => StudioServer.Start(new Dictionary<string, string?>
        {
            ["JourneyStudio:DataProtection:CertificatePath"] = path,
            ["JourneyStudio:DataProtection:CertificatePassword"] = "not-it",
        }, Path.Combine(_work, "data")));

        Assert.Contains("JourneyStudio:DataProtection:CertificatePath", error.ToString());
    }

    private static string WriteSelfSignedPfx(string path, string password)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=JourneyStudio key ring", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddYears(1));
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return path;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_work, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
