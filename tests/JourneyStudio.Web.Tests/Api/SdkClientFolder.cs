namespace JourneyStudio.Web.Tests.Api;

/// <summary>Finds tests/sdk-client (the Node client that runs the ForgeRock JavaScript SDK) above the test binaries.</summary>
internal static class SdkClientFolder
{
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "sdk-client");
            if (File.Exists(Path.Combine(candidate, "signon.mjs")))
            {
                if (!Directory.Exists(Path.Combine(candidate, "node_modules", "@forgerock", "javascript-sdk")))
                    throw new InvalidOperationException($"The ForgeRock SDK is not installed in {candidate}; run tests/run.sh or `npm ci` there.");
                return candidate;
            }
        }
        throw new DirectoryNotFoundException("tests/sdk-client was not found above the test binaries.");
    }
}
