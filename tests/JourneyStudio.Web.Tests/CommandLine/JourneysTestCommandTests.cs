using JourneyStudio.Journeys.Model;
using JourneyStudio.Journeys.Testing;
using JourneyStudio.Web.Tests.JourneyTests;

namespace JourneyStudio.Web.Tests.CommandLine;

/// <summary><c>journeys test NAME|FILE…</c> run as a real process of the studio program, as a pipeline would.</summary>
public sealed class JourneysTestCommandTests : StudioProgramProcess
{

    [Fact]
    public async Task Test_ShippedFile_ExitsZeroWithAPassLinePerScenario()
    {
        var run = await RunAsync("journeys", "test", Path.Combine(ShippedFolder, "Login.journey.json"));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("PASS \"Signs on with the right password\"", run.Output);
        Assert.Contains("PASS \"Refuses a wrong password\"", run.Output);
        Assert.Contains("journey 'Login'", run.Output);
        Assert.Contains("2 of 2 scenarios passed", run.Output);
        Assert.False(Directory.Exists(DataDirectory), "testing a file must not create a database");
    }

    [Fact]
    public async Task Test_FileWithAFailingScenario_ExitsOneSayingWhy()
    {
        var file = Path.Combine(Work, "failing.journey.json");
        await File.WriteAllTextAsync(file, JourneyTestsApiTests.ExportWithTest("Failing", StaticNodeIds.Failure, JourneyTestEndKind.Success, "Should sign on"));

        var run = await RunAsync("journeys", "test", file, Path.Combine(ShippedFolder, "Login.journey.json"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("FAIL \"Should sign on\": Expected Success, but the journey ended in Failure", run.Error);
        Assert.Contains("2 of 2 scenarios passed", run.Output);
    }

    [Fact]
    public async Task Test_JourneyByName_RunsItFromTheDatabase_UnknownNameExitsOne()
    {
        Assert.Equal(0, (await RunAsync("journeys", "import", Path.Combine(ShippedFolder, "PasswordlessPush.journey.json"))).ExitCode);

        var byName = await RunAsync("journeys", "test", "PasswordlessPush");
        var unknown = await RunAsync("journeys", "test", "No such journey");

        Assert.True(byName.ExitCode == 0, byName.Error);
        Assert.Contains("journey 'PasswordlessPush' (revision ", byName.Output);
        Assert.Contains("3 of 3 scenarios passed", byName.Output);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("No such journey: no journey of that name exists", unknown.Error);
    }
}
