using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Runtime.Realms;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyStudio.Runtime.Tests.Realms;

/// <summary>The host's wiring: operator settings (JourneyStudio:Push:*) reach a realm through IRealmPushSettings.</summary>
public sealed class RealmServiceRegistrationTests
{
    [Fact]
    public async Task OperatorSettings_AreTheRealmDefaults_ThroughIRealmPushSettings()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "journeystudio-realms-" + Guid.NewGuid().ToString("N"));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["JourneyStudio:DataDirectory"] = dataDirectory,
            ["JourneyStudio:Push:Transport"] = "SNS",
            ["JourneyStudio:Push:Sns:Region"] = "ap-southeast-2",
            ["JourneyStudio:Push:Sns:GcmPlatformApplicationArn"] = "arn:aws:sns:ap-southeast-2:123456789012:app/GCM/Configured",
            ["JourneyStudio:Push:Sns:ServiceUrl"] = "http://127.0.0.1:4566/",
        }).Build();
        await using (var services = new ServiceCollection()
                         .AddJourneyStudioData(configuration)
                         .AddJourneyStudioRealmServices(configuration)
                         .BuildServiceProvider())
        {
            await JourneyStudioDatabase.InitializeAsync(services);
            var push = services.GetRequiredService<IRealmPushSettings>();

            Assert.Equal("sns", (await push.GetPushRouteAsync(RealmNames.Alpha)).Transport);
            var sns = (await push.GetPushRouteAsync(RealmNames.Root)).Sns!;
            Assert.Equal("ap-southeast-2", sns.Region);
            Assert.Equal("arn:aws:sns:ap-southeast-2:123456789012:app/GCM/Configured", sns.GcmPlatformApplicationArn);
            Assert.Equal("http://127.0.0.1:4566/", sns.ServiceUrl);
            Assert.Same(services.GetRequiredService<RealmServiceStore>(), push);
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(dataDirectory, recursive: true);
    }
}
