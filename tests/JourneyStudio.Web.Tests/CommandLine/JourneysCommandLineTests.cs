using JourneyStudio.Journeys.Frodo;
using JourneyStudio.Journeys.Model;

namespace JourneyStudio.Web.Tests.CommandLine;

/// <summary>The operator's command line, run as a real process of the studio program, as a pipeline would.</summary>
public sealed class JourneysCommandLineTests : StudioProgramProcess
{
    private static readonly string ReferenceFolder = Path.Combine(AppContext.BaseDirectory, "ReferenceJourneys");

    private static string Shipped(string name) => Path.Combine(ShippedFolder, $"{name}.journey.json");

    [Fact]
    public async Task Validate_ShippedJourneys_ExitsZeroAndReportsEachValid()
    {
        var run = await RunAsync(["journeys", "validate", .. Directory.GetFiles(ShippedFolder, "*.journey.json")]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(11, run.Output.Split('\n').Count(l => l.Contains(": valid (0 errors")));
        Assert.False(Directory.Exists(DataDirectory), "validating must not create a database");
    }

    [Fact]
    public async Task Validate_BrokenWiring_ExitsOneAndNamesFileNodeAndOutcome()
    {
        var file = Path.Combine(ReferenceFolder, "frodo-cli_push_registration.journey.json");

        var run = await RunAsync("journeys", "validate", file);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{file}: journey 'push_registration', node 07bc635b-5a3f-461b-87ee-e76c9fa22738 ('Page Node'), outcome outcome: error OutcomeNotConnected", run.Error);
    }

    [Fact]
    public async Task Validate_MalformedFile_ExitsOneAndNamesThePlace()
    {
        var file = Path.Combine(Work, "broken.json");
        await File.WriteAllTextAsync(file, """{"tree": {"_id": "X", "nodes": {"n1": {"nodeType": "PageNode", "x": "left"}}}}""");

        var run = await RunAsync("journeys", "validate", file);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{file}: $.tree.nodes['n1']", run.Error);
    }

    [Fact]
    public async Task Validate_MissingFile_ExitsOneAndSaysSo()
    {
        var run = await RunAsync("journeys", "validate", Path.Combine(Work, "nope.json"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("nope.json: cannot be read", run.Error);
    }

    [Fact]
    public async Task ImportThenExport_GivesBackTheSameJourney()
    {
        var import = await RunAsync("journeys", "import", Shipped("Login with Push MFA"));
        Assert.Equal(0, import.ExitCode);
        Assert.Contains("journey 'Login with Push MFA' imported as revision", import.Output);

        var export = await RunAsync("journeys", "export", "Login with Push MFA", "--out", Path.Combine(Work, "out"));

        Assert.Equal(0, export.ExitCode);
        var original = Assert.Single(FrodoJourneyReader.Read(await File.ReadAllTextAsync(Shipped("Login with Push MFA"))));
        var exported = Assert.Single(FrodoJourneyReader.Read(await File.ReadAllTextAsync(Path.Combine(Work, "out", "Login with Push MFA.journey.json"))));
        Assert.Empty(JourneyComparer.Differences(original, exported));
    }

    [Fact]
    public async Task Import_ExistingJourney_SavesANewRevision()
    {
        Assert.Equal(0, (await RunAsync("journeys", "import", Shipped("Login"))).ExitCode);
        var second = await RunAsync("journeys", "import", Shipped("Login"));

        Assert.Equal(0, second.ExitCode);
        Assert.Matches("journey 'Login' imported as revision [2-9]", second.Output);
    }

    [Fact]
    public async Task Import_IsRecordedInTheAuditLog_AsTheOperatingSystemAccountOnTheCommandLine()
    {
        Assert.Equal(0, (await RunAsync("journeys", "import", Shipped("Login"), Shipped("PushAuthentication"))).ExitCode);

        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(DataDirectory, "journeystudio.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Action, Actor, Channel, Target, RevisionBefore, RevisionAfter, Succeeded FROM AuditEntries ORDER BY Id";
        await using var reader = await command.ExecuteReaderAsync();
        var entries = new List<(string, string, string, string, long, long, bool)>();
        while (await reader.ReadAsync())
            entries.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetBoolean(6)));

        // The first start imported the shipped journeys as revision 1 (not an admin action); the command made revision 2.
        var actor = $"os:{Environment.UserName}";
        Assert.Equal([("journey.import", actor, "cli", "Login", 1L, 2L, true), ("journey.import", actor, "cli", "PushAuthentication", 1L, 2L, true)], entries);
    }

    [Fact]
    public async Task Import_OneBadFileAmongGoodOnes_ImportsNothing()
    {
        var bad = Path.Combine(Work, "bad.json");
        await File.WriteAllTextAsync(bad, "{ not json");

        var run = await RunAsync("journeys", "import", Shipped("Login"), bad);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{bad}: $", run.Error);
        Assert.Contains("Nothing was imported.", run.Error);
        var export = await RunAsync("journeys", "export", "Login", "--out", Path.Combine(Work, "out"));
        Assert.Equal(1, export.ExitCode);
    }

    [Fact]
    public async Task Export_UnknownJourney_ExitsOneNamingIt()
    {
        Assert.Equal(0, (await RunAsync("journeys", "import", Shipped("Login"))).ExitCode);

        var run = await RunAsync("journeys", "export", "Login", "NoSuchJourney", "--out", Path.Combine(Work, "out"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("NoSuchJourney: no journey of that name exists.", run.Error);
        Assert.True(File.Exists(Path.Combine(Work, "out", "Login.journey.json")));
    }

    [Theory]
    [InlineData("journeys")]
    [InlineData("journeys", "frobnicate")]
    [InlineData("journeys", "export", "Login")]
    [InlineData("journeys", "validate", "--bogus")]
    public async Task BadCommandLine_ExitsTwoWithUsage(params string[] args)
    {
        var run = await RunAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Usage:", run.Error);
    }

}
