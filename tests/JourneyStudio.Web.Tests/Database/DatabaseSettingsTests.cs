using JourneyStudio.Testing;

namespace JourneyStudio.Web.Tests.Database;

/// <summary>Database settings that cannot be used stop the studio at start-up with a message naming the setting.</summary>
public sealed class DatabaseSettingsTests
{
    [Theory]
    [InlineData("mysql", null, "JourneyStudio:Database:Provider")]
    [InlineData("postgres", null, "JourneyStudio:Database:ConnectionString")]
    [InlineData("postgres", "  ", "JourneyStudio:Database:ConnectionString")]
    [InlineData("postgres", "Host=db;Colour=blue", "JourneyStudio:Database:ConnectionString")]
    [InlineData("sqlite", "Data Source=x.db;Shape=round", "JourneyStudio:Database:ConnectionString")]
    public void ASettingThatCannotBeUsed_FailsStartUp_NamingIt(string provider, string? connectionString, string named)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "journeystudio-test-" + Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string?> { ["JourneyStudio:Database:Provider"] = provider };
        if (connectionString is not null) settings["JourneyStudio:Database:ConnectionString"] = connectionString;

        var error = Record.Exception(() => StudioServer.Start(settings, dataDirectory));

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(dataDirectory)) Directory.Delete(dataDirectory, recursive: true);
        Assert.NotNull(error);
        Assert.Contains(named, Messages(error));
    }

    [Fact]
    public async Task TheSqliteConnectionString_NamesTheFile_OtherwiseTheDataDirectoryHoldsIt()
    {
        var folder = Directory.CreateTempSubdirectory("journeystudio-sqlite-file-").FullName;
        var file = Path.Combine(folder, "elsewhere.db");
        await using (var server = StudioServer.Start(new Dictionary<string, string?> { ["JourneyStudio:Database:ConnectionString"] = $"Data Source={file}" }))
        {
            Assert.True(File.Exists(file));
            Assert.False(File.Exists(Path.Combine(server.DataDirectory, "journeystudio.db")));
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private static string Messages(Exception error)
    {
        var all = new List<string>();
        for (var e = error; e is not null; e = e.InnerException) all.Add(e.Message);
        if (error is AggregateException aggregate) all.AddRange(aggregate.InnerExceptions.Select(e => e.Message));
        return string.Join(" | ", all);
    }
}
