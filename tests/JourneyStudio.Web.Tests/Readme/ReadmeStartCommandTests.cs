using System.Net;
using System.Net.Http.Headers;
using System.Text;
using JourneyStudio.Testing;
using JourneyStudio.Web.Hosting;

namespace JourneyStudio.Web.Tests.Readme;

/// <summary>
/// The README's first command, typed in the repository root as a newcomer would: the studio it starts is a
/// production studio, and the first admin's password is the one thing to find at the end of its output.
/// </summary>
[Collection(ReadmeCollection.Name)]
public sealed class ReadmeStartCommandTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5); // dotnet run builds first

    [Fact]
    public async Task StartCommand_RunsProductionWithoutSqlInTheLog_AndEndsWithThePasswordOnce()
    {
        var root = StudioProcess.RepositoryRoot;
        var command = ReadmeCommands.Read(root).StartCommand;
        var dataDirectory = Path.Combine(Path.GetTempPath(), "journeystudio-readme-" + Guid.NewGuid().ToString("N"));
        await using var studio = StudioProcess.StartShell("exec " + command, root, new Dictionary<string, string>
        {
            ["JourneyStudio__DataDirectory"] = dataDirectory,
            // Any free port: 5080 may be taken on a shared machine.
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
        }, ownedDirectory: dataDirectory);

        var baseAddress = await studio.WaitForListeningAsync(StartTimeout);
        var frames = 0;
        await studio.WaitForLineAsync(l => l.Trim() == FirstAdminNotice.Frame && ++frames == 2, TimeSpan.FromMinutes(1));
        var password = PasswordShown(studio.Lines);
        // The password shown is the admin's: the admin API takes it.
        using (var http = new HttpClient { BaseAddress = baseAddress })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "admin/api/journeys");
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:" + password)));
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(request)).StatusCode);
        }

        var lines = studio.Lines;
        var output = studio.Output;
        Assert.Contains(lines, l => l.Trim() == "Hosting environment: Production");
        Assert.DoesNotContain("Executed DbCommand", output);
        Assert.DoesNotContain("CREATE TABLE", output);
        Assert.DoesNotContain("INSERT INTO", output);
        Assert.Single(lines, l => l.Contains("First admin created"));
        Assert.Single(lines, l => l.Contains(password));
        var notice = IndexOf(lines, "First admin created");
        Assert.True(notice > IndexOf(lines, "Now listening on:"), output);
        Assert.True(notice > IndexOf(lines, "Application started."), output);
        Assert.True(notice > IndexOf(lines, "Content root path:"), output);
        Assert.Equal(FirstAdminNotice.Frame, lines.Last(l => l.Trim().Length > 0).Trim());
        Assert.True(File.Exists(Path.Combine(dataDirectory, "journeystudio.db")));
    }

    private static string PasswordShown(IReadOnlyList<string> lines)
    {
        var line = Assert.Single(lines, l => l.TrimStart().StartsWith("Password:", StringComparison.Ordinal));
        return line.Trim()["Password:".Length..].Trim();
    }

    private static int IndexOf(IReadOnlyList<string> lines, string text)
    {
        for (var i = 0; i < lines.Count; i++)
            if (lines[i].Contains(text, StringComparison.Ordinal)) return i;
        throw new Xunit.Sdk.XunitException($"'{text}' was not printed:\n" + string.Join('\n', lines));
    }
}

/// <summary>The tests that build and run the program with dotnet run take turns: each is a full build on a small machine.</summary>
[CollectionDefinition(Name)]
public sealed class ReadmeCollection
{
    public const string Name = "readme";
}
