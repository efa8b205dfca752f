using JourneyStudio.Runtime.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyStudio.Runtime.Tests.Persistence;

public sealed class DataProtectionKeyRingTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("journeystudio-keys-").FullName;

    private ServiceProvider NewProvider()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["JourneyStudio:DataDirectory"] = _dataDirectory }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddJourneyStudioData(configuration);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void ProtectedData_UnprotectsAfterARestart_WithTheKeyRingInTheDataDirectory()
    {
        string token;
        using (var first = NewProvider())
            token = first.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("secret");

        using var second = NewProvider();

        Assert.Equal("secret", second.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(token));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(_dataDirectory, "keys"), "*.xml"));
    }

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);
}
