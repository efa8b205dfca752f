using System.Net.Mail;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace JourneyStudio.Runtime.Identities;

/// <summary>What a policy may look at besides the value: the other attributes collected so far, and the identity store.</summary>
public sealed class PolicyContext
{
    public static readonly PolicyContext Empty = new();

    /// <summary>The attributes collected so far (shared and transient <c>objectAttributes</c>), for CANNOT_CONTAIN_OTHERS.</summary>
    public JsonObject OtherAttributes { get; init; } = new();

    /// <summary>Whether a username is taken already, for UNIQUE; null when no store is at hand (the check passes).</summary>
    public Func<string, CancellationToken, ValueTask<bool>>? IsUsernameTaken { get; init; }

    public CancellationToken CancellationToken { get; init; }
}

/// <summary>
/// One IDM policy on an attribute: its <c>policyId</c> and <c>policyRequirement</c> (the names clients map to messages), its
/// <c>params</c>, and the check. Policies are written once here and reported in IDM's shapes by <see cref="IdentitySchema"/>.
/// </summary>
public abstract class IdentityPolicy(string policyId, string requirement)
{
    public string PolicyId { get; } = policyId;

    public string Requirement { get; } = requirement;

    /// <summary>IDM's <c>params</c> of the policy, or null when it has none.</summary>
    public virtual JsonObject? Params => null;

    /// <summary>Checks a value that is present (not null, not blank text); REQUIRED alone looks at missing values.</summary>
    public abstract ValueTask<bool> IsSatisfiedAsync(JsonElement value, PolicyContext context);

    /// <summary>The failure as AM puts it into <c>failedPolicies</c>: a JSON <em>string</em> of <c>{"policyRequirement","params"?}</c>.</summary>
    public string FailureText()
    {
        var failure = new JsonObject { ["policyRequirement"] = Requirement };
        if (Params is { } parameters) failure["params"] = parameters.DeepClone();
        return failure.ToJsonString();
    }

    /// <summary>The entry of the policy in IDM's <c>policies</c> list.</summary>
    public JsonObject Describe()
    {
        var entry = new JsonObject { ["policyId"] = PolicyId, ["policyRequirements"] = new JsonArray(Requirement) };
        if (Params is { } parameters) entry["params"] = parameters.DeepClone();
        return entry;
    }

    protected static string Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();

    protected static ValueTask<bool> Result(bool satisfied) => ValueTask.FromResult(satisfied);
}

/// <summary>IDM's <c>required</c>: a value is present (false counts for a boolean).</summary>
public sealed class RequiredPolicy() : IdentityPolicy("required", "REQUIRED")
{
    public static readonly RequiredPolicy Instance = new();

    public static bool IsMissing(JsonElement? value) => value is not { } v
        || v.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined
        || (v.ValueKind == JsonValueKind.String && string.IsNullOrWhiteSpace(v.GetString()));

    public override ValueTask<bool> IsSatisfiedAsync(JsonElement value, PolicyContext context) => Result(!IsMissing(value));
}

/// <summary>IDM's <c>valid-type</c> with <c>params.types</c>: the JSON type matches the schema's.</summary>
public sealed class ValidTypePolicy(string type) : IdentityPolicy("valid-type", "VALID_TYPE")
{
    public override JsonObject Params => new() { ["types"] = new JsonArray(type) };

    public override ValueTask<bool> IsSatisfiedAsync(JsonElement value, PolicyContext context) => Result(type switch
    {
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "number" => value.ValueKind == JsonValueKind.Number,
        _ => value.ValueKind == JsonValueKind.String,
    });
}

public sealed class MinLengthPolicy(int minLength) : IdentityPolicy("minimum-length", "MIN_LENGTH")
{
    public override JsonObject Params => new() { ["minLength"] = minLength };

    public override ValueTask<bool> IsSatisfiedAsync(JsonElement value, PolicyContext context) => Result(Text(value).Length >= minLength);
}

public sealed class MaxLengthPolicy(int maxLength) : IdentityPolicy("maximum-length", "MAX_LENGTH")
{
    public override JsonObject Params => new() { ["maxLength"] = maxLength };

    public override ValueTask<bool> IsSatisfiedAsync(JsonElement value, PolicyContext context) => Result(Text(value).Length <= maxLength);
}

/// <summary>IDM's <c>valid-email-address-format</c>; the same check as the identity store's, so a value it accepts can be saved.</summary>
public sealed class ValidEmailPolicy() : IdentityPolicy("valid-email-address-format", "VALID_EMAIL_ADDRESS_FORMAT")
{
    public override ValueTask<bool> IsSatisfiedAsync(JsonElement value, PolicyContext context) =>
        Result(Text(value) is var mail && MailAddress.TryCreate(mail, out var parsed) && parsed.Address == mail);
}

/// <summary>IDM's <c>valid-phone-format</c>: digits, spaces, dashes and parentheses, with an optional leading +.</summary>
public sealed partial class ValidPhonePolicy() : IdentityPolicy("valid-phone-format", "VALID_PHONE_FORMAT")
{
    public override ValueTask<bool> IsSatisfiedAsync(JsonElement value, PolicyContext context) => Result(Phone().IsMatch(Text(value)));

    [GeneratedRegex(@"^\+?[0-9\- ()]*$")]
    private static partial Regex Phone();
}

/// <summary>IDM's <c>cannot-contain-characters</c> with <c>params.forbiddenChars</c>.</summary>
public sealed class CannotContainCharactersPolicy(params string[] forbidden) : IdentityPolicy("cannot-contain-characters", "CANNOT_CONTAIN_CHARACTERS")
{
    public override JsonObject Params => new() { ["forbiddenChars"] = new JsonArray(forbidden.Select(f => (JsonNode)f).ToArray()) };

    public override ValueTask<bool> IsSatisfiedAsync(JsonElement value, PolicyContext context) =>
        Result(!forbidden.Any(f => Text(value).Contains(f, StringComparison.Ordinal)));
}

/// <summary>IDM's <c>valid-username</c>: what the identity store accepts as a username (no control characters, ':' or '\', no outer spaces).</summary>
public sealed class ValidUsernamePolicy() : IdentityPolicy("valid-username", "VALID_USERNAME")
{
    public override ValueTask<bool> IsSatisfiedAsync(JsonElement value, PolicyContext context) =>
        Result(IdentityRules.ValidateUsername(Text(value)) is null || Text(value).Length > IdentityRules.MaxUsernameLength);
}

/// <summary>IDM's <c>unique</c>: no identity has this username yet.</summary>
public sealed class UniquePolicy() : IdentityPolicy("unique", "UNIQUE")
{
    public override async ValueTask<bool> IsSatisfiedAsync(JsonElement value, PolicyContext context) =>
        context.IsUsernameTaken is not { } taken || !await taken(Text(value), context.CancellationToken);
}

/// <summary>IDM's <c>at-least-X-capitals</c> with <c>params.numCaps</c>.</summary>
public sealed class AtLeastCapitalsPolicy(int count) : IdentityPolicy("at-least-X-capitals", "AT_LEAST_X_CAPITAL_LETTERS")
{
    public override JsonObject Params => new() { ["numCaps"] = count };

    public override ValueTask<bool> IsSatisfiedAsync(JsonElement value, PolicyContext context) => Result(Text(value).Count(char.IsUpper) >= count);
}

/// <summary>IDM's <c>at-least-X-numbers</c> with <c>params.numNums</c>.</summary>
public sealed class AtLeastNumbersPolicy(int count) : IdentityPolicy("at-least-X-numbers", "AT_LEAST_X_NUMBERS")
{
    public override JsonObject Params => new() { ["numNums"] = count };

    public override ValueTask<bool> IsSatisfiedAsync(JsonElement value, PolicyContext context) => Result(Text(value).Count(char.IsAsciiDigit) >= count);
}

/// <summary>
/// IDM's <c>cannot-contain-others</c> with <c>params.disallowedFields</c>: the value does not contain (ignoring case) the value of
/// any of those attributes, as collected so far.
/// </summary>
public sealed class CannotContainOthersPolicy(IReadOnlyList<string> fields) : IdentityPolicy("cannot-contain-others", "CANNOT_CONTAIN_OTHERS")
{
    public override JsonObject Params => new() { ["disallowedFields"] = new JsonArray(fields.Select(f => (JsonNode)f).ToArray()) };

    public override ValueTask<bool> IsSatisfiedAsync(JsonElement value, PolicyContext context)
    {
        var text = Text(value);
        return Result(!fields.Any(field =>
            AttributePath.Read(context.OtherAttributes, field) is JsonValue other && other.TryGetValue<string>(out var s)
            && s.Trim().Length > 0 && text.Contains(s.Trim(), StringComparison.OrdinalIgnoreCase)));
    }
}
