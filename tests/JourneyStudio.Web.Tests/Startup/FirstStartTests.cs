using JourneyStudio.OpenIdConnect;
using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyStudio.Web.Tests.Startup;

/// <summary>What a newcomer gets from the first start: a database file, the shipped journeys, a first admin.</summary>
public sealed class FirstStartTests
{
    [Fact]
    public async Task FirstStart_CreatesDatabaseImportsShippedJourneysAndTheAdmin()
    {
        await using var server = StudioServer.Start();

        Assert.True(File.Exists(Path.Combine(server.DataDirectory, "journeystudio.db")));
        var journeys = await server.Services.GetRequiredService<JourneyStore>().ListAsync();
        Assert.Equal(
        [
            "CombinedMFA", "Login", "Login with Push MFA", "PasswordlessPush",
            "PlatformForgottenUsername", "PlatformLogin", "PlatformProgressiveProfile", "PlatformRegistration",
            "PlatformResetPassword", "PlatformUpdatePassword", "PushAuthentication",
        ], journeys.Select(j => j.Name));
        Assert.All(journeys, j => Assert.Equal(1, j.CurrentRevision));
        Assert.Equal("Login", Assert.Single(journeys, j => j.IsRealmDefault).Name);
        var admin = await server.Services.GetRequiredService<AdminAccountStore>().VerifyAsync(StudioServer.AdminUsername, StudioServer.AdminPassword);
        Assert.NotNull(admin);
    }

    [Fact]
    public async Task SecondStart_DoesNotBringBackADeletedShippedJourney()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("journeystudio-restart-").FullName;
        await using (var first = StudioServer.Start(dataDirectory: dataDirectory, keepDataDirectory: true))
            Assert.True(await first.Services.GetRequiredService<JourneyStore>().DeleteAsync("PasswordlessPush"));

        await using var second = StudioServer.Start(dataDirectory: dataDirectory);

        var names = (await second.Services.GetRequiredService<JourneyStore>().ListAsync()).Select(j => j.Name);
        Assert.DoesNotContain("PasswordlessPush", names);
        Assert.Contains("Login", names);
    }

    [Fact]
    public async Task SecondStart_ImportsNothingAgain_AndKeepsAnAdminsEditOfAShippedJourney()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("journeystudio-edited-").FullName;
        await using (var first = StudioServer.Start(dataDirectory: dataDirectory, keepDataDirectory: true))
        {
            var store = first.Services.GetRequiredService<JourneyStore>();
            var shipped = (await store.GetAsync("PlatformLogin"))!;
            var edited = shipped.Journey with { Description = "Edited by the admin" };
            Assert.IsType<SaveResult.Saved>(await store.SaveAsync(edited, shipped.Revision, StudioServer.AdminUsername));
            // Even asked again explicitly, the import leaves journeys the database has alone.
            Assert.Equal(0, await StudioStartup.ImportShippedJourneysAsync(first.Services));
        }

        await using var second = StudioServer.Start(dataDirectory: dataDirectory);

        var store2 = second.Services.GetRequiredService<JourneyStore>();
        var login = (await store2.GetAsync("PlatformLogin"))!;
        Assert.Equal("Edited by the admin", login.Journey.Description);
        Assert.Equal(2, login.Revision);
        Assert.All(await store2.ListAsync(), j => Assert.Equal(j.Name == "PlatformLogin" ? 2 : 1, j.CurrentRevision));
    }

    [Fact]
    public async Task FirstStart_WithoutConfiguredPassword_GeneratesOneThatWorks()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("journeystudio-generated-").FullName;
        try
        {
            var services = new ServiceCollection();
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["JourneyStudio:DataDirectory"] = dataDirectory }).Build();
            services.AddLogging();
            services.AddJourneyStudioData(configuration);
            // The start also makes the OpenID Connect provider's first signing keys.
            services.AddJourneyStudioOpenIdConnect(configuration);
            services.AddSingleton<IJourneyCodec>(new FrodoJourneyCodec(Journeys.Catalog.NodeCatalog.Default));
            await using var provider = services.BuildServiceProvider();

            var result = await StudioStartup.InitializeAsync(provider);

            Assert.Equal("admin", result.AdminUsername);
            Assert.NotNull(result.GeneratedAdminPassword);
            Assert.True(result.GeneratedAdminPassword!.Length >= 20);
            Assert.NotNull(await provider.GetRequiredService<AdminAccountStore>().VerifyAsync("admin", result.GeneratedAdminPassword));
            var again = await StudioStartup.InitializeAsync(provider);
            Assert.Null(again.GeneratedAdminPassword);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
