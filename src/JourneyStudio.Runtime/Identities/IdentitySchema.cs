using System.Text.Json;
using System.Text.Json.Nodes;
using JourneyStudio.Runtime.Callbacks;
using Microsoft.Extensions.Options;

namespace JourneyStudio.Runtime.Identities;

/// <summary>One attribute of the identity schema: its name (a path such as <c>preferences/marketing</c>), JSON type, title and policies.</summary>
public sealed record IdentityAttribute(string Name, AttributeInputKind Kind, string Title, IReadOnlyList<IdentityPolicy> Policies)
{
    public string JsonType => Kind switch
    {
        AttributeInputKind.Boolean => "boolean",
        AttributeInputKind.Number => "number",
        _ => "string",
    };
}

/// <summary>
/// The IDM-style managed-user schema that the Platform nodes (Attribute Collector, Platform Username and Password) collect
/// against: the attributes they may ask for, their titles and their policies, reported to clients in IDM's policy shapes and
/// checked here, once. Limits follow the identity store's (<see cref="IdentityRules"/>), so what passes here can be saved.
/// </summary>
public sealed class IdentitySchema
{
    public const string UserName = "userName";
    public const string Password = "password";

    private readonly Dictionary<string, IdentityAttribute> _attributes;

    public IdentitySchema(IOptions<PasswordPolicyOptions> passwordPolicy) : this(passwordPolicy.Value, []) { }

    /// <param name="extra">More attributes, or replacements of the built-in ones by name.</param>
    public IdentitySchema(PasswordPolicyOptions passwordPolicy, IEnumerable<IdentityAttribute> extra)
    {
        var problems = passwordPolicy.Problems().ToList();
        if (problems.Count > 0) throw new OptionsValidationException(PasswordPolicyOptions.SectionName, typeof(PasswordPolicyOptions), problems);
        IReadOnlyList<IdentityAttribute> builtIn =
        [
            new(UserName, AttributeInputKind.String, "Username",
                [new ValidUsernamePolicy(), new UniquePolicy(), new CannotContainCharactersPolicy("/"), new MinLengthPolicy(1), new MaxLengthPolicy(IdentityRules.MaxUsernameLength)]),
            new(Password, AttributeInputKind.String, "Password", PasswordPolicies(passwordPolicy)),
            new("givenName", AttributeInputKind.String, "First Name", [new MaxLengthPolicy(IdentityRules.MaxNameLength)]),
            new("sn", AttributeInputKind.String, "Last Name", [new MaxLengthPolicy(IdentityRules.MaxNameLength)]),
            new("mail", AttributeInputKind.String, "Email Address", [new ValidEmailPolicy(), new MaxLengthPolicy(IdentityRules.MaxMailLength)]),
            new("telephoneNumber", AttributeInputKind.String, "Telephone Number", [new ValidPhonePolicy(), new MaxLengthPolicy(IdentityRules.MaxNameLength)]),
            new("preferences/updates", AttributeInputKind.Boolean, "Send me news and updates", []),
            new("preferences/marketing", AttributeInputKind.Boolean, "Send me special offers and services", []),
        ];
        _attributes = builtIn.Concat(extra).GroupBy(a => a.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
    }

    /// <summary>The schema with the default password policy.</summary>
    public static IdentitySchema Default { get; } = new(new PasswordPolicyOptions(), []);

    public IReadOnlyCollection<IdentityAttribute> Attributes => _attributes.Values;

    public IdentityAttribute? Find(string name) => _attributes.GetValueOrDefault(name);

    /// <summary>
    /// IDM's policy object for an attribute, as AM puts it into a callback's <c>policies</c>:
    /// <c>{"policyRequirements":[…],"fallbackPolicies":null,"name","policies":[{"policyId","policyRequirements","params"?}],"conditionalPolicies":null}</c>.
    /// </summary>
    public static JsonElement PolicyDocument(IdentityAttribute attribute, bool required)
    {
        var policies = AllPolicies(attribute, required).ToList();
        var document = new JsonObject
        {
            ["policyRequirements"] = new JsonArray(policies.Select(p => p.Requirement).Distinct().Select(r => (JsonNode)r).ToArray()),
            ["fallbackPolicies"] = null,
            ["name"] = attribute.Name,
            ["policies"] = new JsonArray(policies.Select(p => (JsonNode)p.Describe()).ToArray()),
            ["conditionalPolicies"] = null,
        };
        return JsonSerializer.SerializeToElement(document);
    }

    /// <summary>
    /// The policies the value fails, as AM's <c>failedPolicies</c> strings, in policy order. A missing value fails REQUIRED when
    /// <paramref name="required"/> and passes everything otherwise (the other policies look only at values that are there).
    /// </summary>
    public static async ValueTask<IReadOnlyList<string>> ValidateAsync(IdentityAttribute attribute, JsonElement? value, bool required, PolicyContext context)
    {
        if (RequiredPolicy.IsMissing(value))
            return required ? [RequiredPolicy.Instance.FailureText()] : [];
        var failed = new List<string>();
        foreach (var policy in AllPolicies(attribute, required).Where(p => p is not RequiredPolicy))
        {
            if (!await policy.IsSatisfiedAsync(value!.Value, context)) failed.Add(policy.FailureText());
            // A value of the wrong type is not checked further: the other policies would only repeat it.
            if (policy is ValidTypePolicy && failed.Count > 0) break;
        }
        return failed;
    }

    private static IEnumerable<IdentityPolicy> AllPolicies(IdentityAttribute attribute, bool required)
    {
        if (required) yield return RequiredPolicy.Instance;
        yield return new ValidTypePolicy(attribute.JsonType);
        foreach (var policy in attribute.Policies) yield return policy;
    }

    private static IReadOnlyList<IdentityPolicy> PasswordPolicies(PasswordPolicyOptions options)
    {
        var policies = new List<IdentityPolicy> { new MinLengthPolicy(options.MinLength) };
        if (options.MinCapitalLetters > 0) policies.Add(new AtLeastCapitalsPolicy(options.MinCapitalLetters));
        if (options.MinNumbers > 0) policies.Add(new AtLeastNumbersPolicy(options.MinNumbers));
        if (options.DisallowedFields.Count > 0) policies.Add(new CannotContainOthersPolicy(options.DisallowedFields.ToArray()));
        policies.Add(new MaxLengthPolicy(IdentityRules.MaxPasswordLength));
        return policies;
    }
}
