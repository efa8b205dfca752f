using System.Collections.Immutable;
using System.Text.Json;

namespace JourneyStudio.Journeys.Testing;

/// <summary>
/// The recorded scenarios of one journey. They travel inside the journey's frodo export as the top-level section
/// <see cref="JourneyTestFormat.SectionName"/>, which frodo and AM never read (see <see cref="JourneyTestFormat"/>).
/// </summary>
public sealed record JourneyTestSuite
{
    public static readonly JourneyTestSuite Empty = new();

    public IReadOnlyList<JourneyTestScenario> Scenarios { get; init; } = [];
}

/// <summary>One scenario: who signs on, what they answer at each step, and where the journey must end.</summary>
public sealed record JourneyTestScenario
{
    public required string Name { get; init; }

    public required JourneyTestUser User { get; init; }

    /// <summary>The answers, one per step the journey sends, in order.</summary>
    public IReadOnlyList<JourneyTestStep> Steps { get; init; } = [];

    public required JourneyTestExpectation Expect { get; init; }
}

/// <summary>The test user, created only inside the sandbox a run uses.</summary>
public sealed record JourneyTestUser
{
    public required string Username { get; init; }

    public string Password { get; init; } = "";

    /// <summary>Profile attributes (<c>givenName</c>, <c>sn</c>, <c>mail</c>).</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>Devices the user already has before the sign-on (<c>push</c>, <c>oath</c>), with recovery codes for them.</summary>
    public IReadOnlyList<JourneyTestDeviceKind> Devices { get; init; } = [];
}

public enum JourneyTestDeviceKind
{
    Push,
    Oath,
}

/// <summary>The answer to one step: values for its callbacks, a choice, and what the user does on their device.</summary>
public sealed record JourneyTestStep
{
    public IReadOnlyList<JourneyTestValue> Values { get; init; } = [];

    /// <summary>The option to pick in the step's choice or confirmation callback, by its label (or its index as text).</summary>
    public string? Choice { get; init; }

    public JourneyTestDeviceAction? Device { get; init; }
}

/// <summary>
/// A value for one input callback, found by its <see cref="Callback"/> type, optionally narrowed by its prompt and by
/// <see cref="Index"/> (the n-th callback of that type on the step that matches, from 0).
/// </summary>
public sealed record JourneyTestValue
{
    public required string Callback { get; init; }

    public string? Prompt { get; init; }

    public int Index { get; init; }

    public required JsonElement Value { get; init; }
}

/// <summary>What the user does with their (virtual) device at a step.</summary>
public enum JourneyTestDeviceAction
{
    /// <summary>Approve the latest push, picking the number the sign-on page shows when it asks for one.</summary>
    ApprovePush,

    /// <summary>Approve the latest push, picking a number the sign-on page does not show.</summary>
    ApprovePushWrongNumber,

    DenyPush,

    /// <summary>Do nothing until the latest push has expired (the sandbox clock moves past its expiry).</summary>
    ExpirePush,

    /// <summary>Type the device's current one-time code into the step's code field.</summary>
    EnterOneTimeCode,

    /// <summary>Type one of the user's unused recovery codes into the step's code field.</summary>
    UseRecoveryCode,

    /// <summary>Scan the QR code of a registration step (push, OATH or both), as the virtual authenticator does.</summary>
    RegisterDevice,
}

public enum JourneyTestEndKind
{
    Success,
    Failure,

    /// <summary>The journey reaches <see cref="JourneyTestExpectation.NodeId"/> (whatever happens after).</summary>
    Node,
}

public sealed record JourneyTestExpectation
{
    public required JourneyTestEndKind End { get; init; }

    public string? NodeId { get; init; }

    public static JourneyTestExpectation Success { get; } = new() { End = JourneyTestEndKind.Success };

    public static JourneyTestExpectation Failure { get; } = new() { End = JourneyTestEndKind.Failure };
}
