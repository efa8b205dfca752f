using System.Diagnostics;
using System.Text.RegularExpressions;
using JourneyStudio.Testing;

namespace JourneyStudio.Web.Tests.Deployment;

/// <summary>
/// The README's nginx example ("Running several instances") is what the proxy tests run behind: every rule of it is
/// in the tests' configuration, and nginx accepts it as written.
/// </summary>
public sealed partial class ReadmeProxyExampleTests
{
    [Fact]
    public void EveryRuleOfTheReadmeExample_IsInTheConfigurationTheTestsRun()
    {
        var tested = Rules(NginxProxy.Configuration("/tmp/nginx-test", 8080, [new Uri("http://127.0.0.1:5001/"), new Uri("http://127.0.0.1:5002/")])).ToHashSet();
        // Addresses differ (the tests' instances are on loopback); every other rule must be the same.
        var rules = Rules(ReadmeExample()).Where(r => !AddressRule().IsMatch(r)).ToList();

        Assert.True(rules.Count > 20, "The README's nginx example was not found or is nearly empty.");
        Assert.All(rules, rule => Assert.True(tested.Contains(rule), $"The README's rule `{rule}` is not in the tests' nginx configuration."));
    }

    [ReverseProxyFact]
    public async Task TheReadmeExample_PassesNginxConfigurationTest()
    {
        var nginx = NginxProxy.Executable ?? throw new InvalidOperationException(NginxProxy.Unavailable);
        var directory = Directory.CreateTempSubdirectory("journeystudio-nginx-readme-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(directory, "nginx.conf"), $$"""
                pid {{directory}}/nginx.pid;
                events {}
                http {
                    access_log off;
                    client_body_temp_path {{directory}}/body;
                    proxy_temp_path {{directory}}/proxy;
                    fastcgi_temp_path {{directory}}/fastcgi;
                    uwsgi_temp_path {{directory}}/uwsgi;
                    scgi_temp_path {{directory}}/scgi;
                {{ReadmeExample()}}
                }
                """);
            var start = new ProcessStartInfo(nginx) { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var arg in new[] { "-t", "-q", "-p", directory, "-c", "nginx.conf", "-e", "error.log" }) start.ArgumentList.Add(arg);
            using var process = Process.Start(start)!;
            var errors = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, "nginx -t refused the README's example: " + errors);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string ReadmeExample()
    {
        var readme = File.ReadAllText(Path.Combine(StudioProcess.RepositoryRoot, "README.md"));
        var match = NginxBlock().Match(readme);
        Assert.True(match.Success, "The README has no ```nginx block.");
        return match.Groups["body"].Value;
    }

    /// <summary>Each directive line without its comment, whitespace collapsed; braces-only lines left out.</summary>
    private static IEnumerable<string> Rules(string configuration) =>
        configuration.Split('\n')
            .Select(line => Whitespace().Replace(line.Split('#')[0], " ").Trim())
            .Where(line => line.Length > 0 && line != "}" && line != "{");

    [GeneratedRegex(@"```nginx\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex NginxBlock();

    [GeneratedRegex(@"^(upstream \S+ \{ )?server \d|^listen |^server_name |^server \{$")]
    private static partial Regex AddressRule();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
