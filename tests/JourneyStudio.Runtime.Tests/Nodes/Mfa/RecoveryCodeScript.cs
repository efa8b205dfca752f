using System.Text.RegularExpressions;

namespace JourneyStudio.Runtime.Tests.Nodes.Mfa;

/// <summary>Reads a Recovery Code Display script the way the ForgeRock JS SDK does (fr-recovery-codes/script-parser.ts).</summary>
internal static partial class RecoveryCodeScript
{
    /// <summary>Each code is a quoted word followed by an escaped newline, alone on its script line.</summary>
    public static IReadOnlyList<string> Codes(string script) =>
        CodePattern().Matches(script).Select(m => m.Groups[1].Value).ToList();

    public static string? DeviceName(string script) => DeviceNamePattern().Match(script) is { Success: true } m ? m.Groups[1].Value : null;

    [GeneratedRegex(@"\s*""([\w]+)\\n"" \+")]
    private static partial Regex CodePattern();

    [GeneratedRegex("<em>([^<]*)</em>")]
    private static partial Regex DeviceNamePattern();
}
