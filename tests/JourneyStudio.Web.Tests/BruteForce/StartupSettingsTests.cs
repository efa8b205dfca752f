using JourneyStudio.Testing;

namespace JourneyStudio.Web.Tests.BruteForce;

/// <summary>Bad JourneyStudio:BruteForce settings stop the studio at start-up with a message that names the setting.</summary>
public sealed class StartupSettingsTests
{
    [Theory]
    [InlineData("MaxFailures", "0")]
    [InlineData("MaxFailures", "ten")]
    [InlineData("LockoutDuration", "00:00:00")]
    [InlineData("MaxLockoutDuration", "00:00:10")]
    [InlineData("FailureResetTime", "-00:01:00")]
    [InlineData("AddressMaxFailures", "-5")]
    [InlineData("AddressWindow", "0")]
    public void ABadSetting_FailsStartUp_NamingIt(string setting, string value)
    {
        var key = $"JourneyStudio:BruteForce:{setting}";

        var dataDirectory = Path.Combine(Path.GetTempPath(), "journeystudio-test-" + Guid.NewGuid().ToString("N"));

        var error = Record.Exception(() => StudioServer.Start(new Dictionary<string, string?> { [key] = value }, dataDirectory));

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(dataDirectory)) Directory.Delete(dataDirectory, recursive: true);

        Assert.NotNull(error);
        Assert.Contains(key, Messages(error));
    }

    private static string Messages(Exception error)
    {
        var all = new List<string>();
        for (var e = error; e is not null; e = e.InnerException) all.Add(e.Message);
        if (error is AggregateException aggregate) all.AddRange(aggregate.InnerExceptions.Select(e => e.Message));
        return string.Join(" | ", all);
    }
}
