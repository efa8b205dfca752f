using System.Text.Json;
using System.Text.Json.Serialization;

namespace JourneyStudio.Runtime.Callbacks;

/// <summary>One named output value of a callback, e.g. <c>prompt</c>: "User Name".</summary>
public sealed record CallbackOutput(string Name, JsonElement Value);

/// <summary>
/// One input of a callback. AM names inputs <c>IDToken{n}</c> plus a suffix (empty for the main input,
/// <c>validateOnly</c> for the second input of the Validated* callbacks); <c>n</c> depends on the callback's
/// position in the step, so a callback only knows its suffix and the step serializer adds the rest.
/// </summary>
/// <param name="AnyNumber">
/// The input takes any JSON number (a NumberAttributeInputCallback's value), not only the exact JSON type it was sent with.
/// </param>
public sealed record CallbackInput(string NameSuffix, JsonElement Value, bool AnyNumber = false);

/// <summary>The <c>messageType</c> values of a TextOutputCallback. AM writes them as JSON strings ("0", "4").</summary>
public enum TextOutputMessageType
{
    Information = 0,
    Warning = 1,
    Error = 2,
    /// <summary>The message is JavaScript for the client to run (QR codes, recovery codes).</summary>
    Script = 4,
}

/// <summary>
/// A callback as AM sends it: the AM type name, ordered outputs and ordered inputs. Immutable; a submitted
/// callback is the sent one with its input values replaced (<see cref="WithInputValue"/>).
/// </summary>
public sealed class Callback
{
    [JsonConstructor]
    public Callback(string type, IReadOnlyList<CallbackOutput> outputs, IReadOnlyList<CallbackInput> inputs)
    {
        Type = type;
        Outputs = outputs;
        Inputs = inputs;
    }

    public string Type { get; }

    public IReadOnlyList<CallbackOutput> Outputs { get; }

    public IReadOnlyList<CallbackInput> Inputs { get; }

    /// <summary>
    /// Callbacks whose input is a secret (a password, a KBA answer). The engine never keeps their submitted values (not in
    /// the session, not in a run's trace, not echoed back when a Page is re-sent).
    /// </summary>
    [JsonIgnore]
    public bool CarriesSecret => Type is PasswordType or ValidatedCreatePasswordType or KbaCreateType || InputsAreSecret;

    /// <summary>Whether this input of a <see cref="CarriesSecret"/> callback is the secret: a KBA question is not, its answer is.</summary>
    private bool IsSecret(CallbackInput input) => Type != KbaCreateType || input.NameSuffix == KbaAnswerSuffix;

    /// <summary>
    /// Set by the node that sends it when the answer is a secret although the type is not (a one-time code or a recovery
    /// code asked with a NameCallback). Stored with the session's pending callbacks, so the answer to it is known as secret.
    /// </summary>
    [JsonInclude, JsonPropertyName("secretInputs"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool InputsAreSecret { get; private init; }

    /// <summary>This callback, marked so that its answer is treated like a password (never stored, echoed or traced).</summary>
    public Callback WithSecretInputs() => new(Type, Outputs, Inputs) { OutputsAreSecret = OutputsAreSecret, InputsAreSecret = true };

    /// <summary>
    /// The outputs are a secret for the user's eyes only (recovery codes, a registration URI with its shared secret): the
    /// stored session keeps this callback with blank outputs (<see cref="WithoutSecretOutputs"/>).
    /// </summary>
    [JsonIgnore]
    public bool OutputsAreSecret { get; private init; }

    /// <summary>This callback, marked so that its outputs never reach the stored session.</summary>
    public Callback WithSecretOutputs() => new(Type, Outputs, Inputs) { OutputsAreSecret = true, InputsAreSecret = InputsAreSecret };

    /// <summary>This callback with secret outputs blanked ("" / false / 0), for storing in the session.</summary>
    public Callback WithoutSecretOutputs() =>
        !OutputsAreSecret ? this : new Callback(Type, Outputs.Select(o => o with { Value = Blank(o.Value) }).ToArray(), Inputs) { InputsAreSecret = InputsAreSecret };

    public JsonElement? GetOutput(string name) => Outputs.FirstOrDefault(o => o.Name == name)?.Value;

    public string? GetOutputString(string name) =>
        GetOutput(name) is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;

    public JsonElement? GetInput(int index = 0) => index < Inputs.Count ? Inputs[index].Value : null;

    /// <summary>The input as text; null when absent or not a JSON string.</summary>
    public string? GetInputString(int index = 0) =>
        GetInput(index) is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;

    /// <summary>The input as a whole number; null when absent or not an integral JSON number.</summary>
    public int? GetInputInt32(int index = 0) =>
        GetInput(index) is { ValueKind: JsonValueKind.Number } v && v.TryGetInt32(out var i) ? i : null;

    public Callback WithInputValue(int index, JsonElement value)
    {
        if (index < 0 || index >= Inputs.Count)
            throw new ArgumentOutOfRangeException(nameof(index), $"{Type} has {Inputs.Count} input(s).");
        var inputs = Inputs.ToArray();
        inputs[index] = inputs[index] with { Value = value.Clone() };
        return new Callback(Type, Outputs, inputs) { OutputsAreSecret = OutputsAreSecret, InputsAreSecret = InputsAreSecret };
    }

    public Callback WithInputValue(int index, object? value) => WithInputValue(index, JsonSerializer.SerializeToElement(value));

    /// <summary>This callback with secret inputs blanked ("" / false / 0), for re-sending without echoing a password.</summary>
    public Callback WithoutSecretInputs() =>
        !CarriesSecret
            ? this
            : new Callback(Type, Outputs, Inputs.Select(i => IsSecret(i) ? i with { Value = Blank(i.Value) } : i).ToArray()) { OutputsAreSecret = OutputsAreSecret, InputsAreSecret = InputsAreSecret };

    private static JsonElement Blank(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => JsonSerializer.SerializeToElement(""),
        JsonValueKind.True or JsonValueKind.False => JsonSerializer.SerializeToElement(false),
        JsonValueKind.Number => JsonSerializer.SerializeToElement(0),
        _ => value,
    };

    public override string ToString() => Type;

    // ---- Factories: one per callback type the runtime sends, with AM's output names, order and JSON types.

    public const string NameType = "NameCallback";
    public const string PasswordType = "PasswordCallback";
    public const string TextOutputType = "TextOutputCallback";
    public const string ConfirmationType = "ConfirmationCallback";
    public const string ChoiceType = "ChoiceCallback";
    public const string HiddenValueType = "HiddenValueCallback";
    public const string PollingWaitType = "PollingWaitCallback";
    public const string MetadataType = "MetadataCallback";
    public const string DeviceProfileType = "DeviceProfileCallback";

    public const string StringAttributeInputType = "StringAttributeInputCallback";
    public const string BooleanAttributeInputType = "BooleanAttributeInputCallback";
    public const string NumberAttributeInputType = "NumberAttributeInputCallback";
    public const string ValidatedCreateUsernameType = "ValidatedCreateUsernameCallback";
    public const string ValidatedCreatePasswordType = "ValidatedCreatePasswordCallback";
    public const string KbaCreateType = "KbaCreateCallback";
    public const string TermsAndConditionsType = "TermsAndConditionsCallback";

    /// <summary>Suffix of the second input of the Validated* and attribute callbacks (<c>IDToken{n}validateOnly</c>).</summary>
    public const string ValidateOnlySuffix = "validateOnly";

    /// <summary>ConfirmationCallback <c>optionType</c> when the options are custom strings (Java's UNSPECIFIED_OPTION).</summary>
    public const int UnspecifiedOptionType = -1;

    public static Callback Name(string prompt, string initialValue = "") =>
        Create(NameType, [Out("prompt", prompt)], [In(initialValue)]);

    public static Callback Password(string prompt) =>
        Create(PasswordType, [Out("prompt", prompt)], [In("")]);

    /// <summary>AM writes <c>messageType</c> as a string ("0", "1", "2", "4"), unlike ConfirmationCallback's int.</summary>
    public static Callback TextOutput(string message, TextOutputMessageType messageType = TextOutputMessageType.Information) =>
        Create(TextOutputType, [Out("message", message), Out("messageType", ((int)messageType).ToString(System.Globalization.CultureInfo.InvariantCulture))], []);

    /// <param name="selectedIndex">The input's initial value; AM pre-sets the default option, or 100 for "not pressed" in the wait nodes.</param>
    public static Callback Confirmation(
        IReadOnlyList<string> options,
        int defaultOption = 0,
        string prompt = "",
        int messageType = 0,
        int optionType = UnspecifiedOptionType,
        int? selectedIndex = null)
    {
        if (options.Count == 0) throw new ArgumentException("A ConfirmationCallback needs at least one option.", nameof(options));
        return Create(ConfirmationType,
            [Out("prompt", prompt), Out("messageType", messageType), Out("options", options), Out("optionType", optionType), Out("defaultOption", defaultOption)],
            [In(selectedIndex ?? defaultOption)]);
    }

    public static Callback Choice(string prompt, IReadOnlyList<string> choices, int defaultChoice = 0)
    {
        if (choices.Count == 0) throw new ArgumentException("A ChoiceCallback needs at least one choice.", nameof(choices));
        return Create(ChoiceType, [Out("prompt", prompt), Out("choices", choices), Out("defaultChoice", defaultChoice)], [In(defaultChoice)]);
    }

    /// <summary>AM echoes the <paramref name="id"/> as the initial input value; SDKs rely on the id to find the callback.</summary>
    public static Callback HiddenValue(string id, string value) =>
        Create(HiddenValueType, [Out("value", value), Out("id", id)], [In(id)]);

    /// <summary>The client waits <c>waitTime</c> ms (a JSON string, as AM sends it) and then submits the step unchanged.</summary>
    public static Callback PollingWait(long waitTimeMilliseconds, string message) =>
        Create(PollingWaitType,
            [Out("waitTime", waitTimeMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture)), Out("message", message)], []);

    public static Callback Metadata(JsonElement data)
    {
        if (data.ValueKind != JsonValueKind.Object) throw new ArgumentException("MetadataCallback data must be a JSON object.", nameof(data));
        return Create(MetadataType, [new CallbackOutput("data", data.Clone())], []);
    }

    /// <summary>The client answers with the collected profile as a JSON <em>string</em>.</summary>
    public static Callback DeviceProfile(bool metadata, bool location, string message) =>
        Create(DeviceProfileType, [Out("metadata", metadata), Out("location", location), Out("message", message)], [In("")]);

    /// <summary>
    /// AM's String/Boolean/NumberAttributeInputCallback: outputs <c>name</c>, <c>prompt</c>, <c>required</c>, <c>policies</c> (IDM's
    /// policy object, <c>{}</c> when inputs are not validated), <c>failedPolicies</c> (JSON <em>strings</em>, as AM sends them),
    /// <c>validateOnly</c> and <c>value</c>; inputs the value and <c>IDToken{n}validateOnly</c>.
    /// </summary>
    public static Callback AttributeInput(AttributeInputKind kind, string name, string prompt, bool required, JsonElement policies,
        IReadOnlyList<string> failedPolicies, JsonElement value)
    {
        var type = kind switch
        {
            AttributeInputKind.Boolean => BooleanAttributeInputType,
            AttributeInputKind.Number => NumberAttributeInputType,
            _ => StringAttributeInputType,
        };
        return Create(type,
            [Out("name", name), Out("prompt", prompt), Out("required", required), new CallbackOutput("policies", policies.Clone()),
             Out("failedPolicies", failedPolicies), Out("validateOnly", false), new CallbackOutput("value", value.Clone())],
            [new CallbackInput("", value.Clone(), AnyNumber: kind == AttributeInputKind.Number), new CallbackInput(ValidateOnlySuffix, JsonSerializer.SerializeToElement(false))]);
    }

    /// <summary>AM's ValidatedCreateUsernameCallback: <c>policies</c>, <c>failedPolicies</c> (JSON strings), <c>validateOnly</c>, <c>prompt</c>.</summary>
    public static Callback ValidatedCreateUsername(string prompt, JsonElement policies, IReadOnlyList<string> failedPolicies, string value = "") =>
        Create(ValidatedCreateUsernameType,
            [new CallbackOutput("policies", policies.Clone()), Out("failedPolicies", failedPolicies), Out("validateOnly", false), Out("prompt", prompt)],
            [In(value), new CallbackInput(ValidateOnlySuffix, JsonSerializer.SerializeToElement(false))]);

    /// <summary>AM's ValidatedCreatePasswordCallback: <c>echoOn</c> false, then the username callback's outputs. The value is never echoed.</summary>
    public static Callback ValidatedCreatePassword(string prompt, JsonElement policies, IReadOnlyList<string> failedPolicies) =>
        Create(ValidatedCreatePasswordType,
            [Out("echoOn", false), new CallbackOutput("policies", policies.Clone()), Out("failedPolicies", failedPolicies),
             Out("validateOnly", false), Out("prompt", prompt)],
            [In(""), new CallbackInput(ValidateOnlySuffix, JsonSerializer.SerializeToElement(false))]);

    /// <summary>
    /// AM's KbaCreateCallback: <c>prompt</c>, <c>predefinedQuestions</c> (question texts), <c>allowUserDefinedQuestions</c>; inputs
    /// <c>IDToken{n}question</c> (the text of a predefined question, or the user's own) and <c>IDToken{n}answer</c>.
    /// </summary>
    public static Callback KbaCreate(string prompt, IReadOnlyList<string> predefinedQuestions, bool allowUserDefinedQuestions) =>
        Create(KbaCreateType,
            [Out("prompt", prompt), Out("predefinedQuestions", predefinedQuestions), Out("allowUserDefinedQuestions", allowUserDefinedQuestions)],
            [new CallbackInput(KbaQuestionSuffix, JsonSerializer.SerializeToElement("")), new CallbackInput(KbaAnswerSuffix, JsonSerializer.SerializeToElement(""))]);

    public const string KbaQuestionSuffix = "question";
    public const string KbaAnswerSuffix = "answer";

    /// <summary>AM's TermsAndConditionsCallback: <c>version</c>, <c>terms</c>, <c>createDate</c> (ISO 8601); input true when accepted.</summary>
    public static Callback TermsAndConditions(string version, string terms, DateTimeOffset createDate) =>
        Create(TermsAndConditionsType,
            [Out("version", version), Out("terms", terms),
             Out("createDate", createDate.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture))],
            [In(false)]);

    /// <summary>The input with this name suffix ("" for the main one), or null.</summary>
    public JsonElement? GetInput(string nameSuffix) => Inputs.FirstOrDefault(i => i.NameSuffix == nameSuffix)?.Value;

    /// <summary>True when the client asked only to check the values (<c>IDToken{n}validateOnly</c> true).</summary>
    [JsonIgnore]
    public bool IsValidateOnly => GetInput(ValidateOnlySuffix) is { ValueKind: JsonValueKind.True };

    private static Callback Create(string type, IReadOnlyList<CallbackOutput> outputs, IReadOnlyList<CallbackInput> inputs) =>
        new(type, outputs, inputs);

    private static CallbackOutput Out(string name, object value) => new(name, JsonSerializer.SerializeToElement(value));

    private static CallbackInput In(object value) => new("", JsonSerializer.SerializeToElement(value));
}

/// <summary>The JSON type of an attribute, which picks the *AttributeInputCallback AM sends for it.</summary>
public enum AttributeInputKind
{
    String,
    Boolean,
    Number,
}
