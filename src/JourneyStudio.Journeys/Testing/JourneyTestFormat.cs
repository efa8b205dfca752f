using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using JourneyStudio.Journeys.Frodo;
using JourneyStudio.Journeys.Model;

namespace JourneyStudio.Journeys.Testing;

/// <summary>
/// The JSON form of a <see cref="JourneyTestSuite"/> and where it lives: the top-level section <see cref="SectionName"/>
/// of the journey's frodo export (beside <c>tree</c>, <c>nodes</c>, <c>scripts</c>…).
/// </summary>
/// <remarks>
/// Why there: frodo's import reads the sections it knows by name (tree, nodes, innerNodes, scripts, emailTemplates,
/// themes, …) and sends AM only the tree and the node configs, so an extra section never reaches AM, whose tree and
/// node resources refuse attributes they do not know. A field inside <c>tree</c> or a node config would be sent.
/// The studio's own reader keeps unknown sections (<see cref="Journey.ExtraExportSections"/>), so the tests round-trip
/// through storage (every revision, drafts included), export and import without a change to the reader or writer.
/// </remarks>
public static class JourneyTestFormat
{
    public const string SectionName = "journeyStudioTests";

    public const int Version = 1;

    /// <summary>The journey's tests; empty when it has none.</summary>
    /// <exception cref="JourneyFormatException">The section is there but is not a valid test suite; lists every problem.</exception>
    public static JourneyTestSuite Read(Journey journey) =>
        journey.ExtraExportSections.TryGetValue(SectionName, out var section) ? Read(section, "$." + SectionName) : JourneyTestSuite.Empty;

    /// <summary>Problems of the journey's test section, empty when it is valid or absent.</summary>
    public static IReadOnlyList<JourneyFormatError> Problems(Journey journey)
    {
        try
        {
            Read(journey);
            return [];
        }
        catch (JourneyFormatException e)
        {
            return e.Errors;
        }
    }

    /// <summary>The journey with <paramref name="suite"/> as its tests (the section is removed when there are none).</summary>
    public static Journey WithTests(Journey journey, JourneyTestSuite suite)
    {
        var sections = journey.ExtraExportSections.ToImmutableDictionary(StringComparer.Ordinal).Remove(SectionName);
        if (suite.Scenarios.Count > 0) sections = sections.Add(SectionName, Write(suite));
        return journey with { ExtraExportSections = sections };
    }

    public static JsonElement Write(JourneyTestSuite suite) => JsonSerializer.SerializeToElement(ToJson(suite));

    public static JsonObject ToJson(JourneyTestSuite suite) => new()
    {
        ["version"] = Version,
        ["scenarios"] = new JsonArray(suite.Scenarios.Select(s => (JsonNode)ToJson(s)).ToArray()),
    };

    public static JsonObject ToJson(JourneyTestScenario scenario)
    {
        var user = new JsonObject { ["username"] = scenario.User.Username, ["password"] = scenario.User.Password };
        if (scenario.User.Attributes.Count > 0)
            user["attributes"] = new JsonObject(scenario.User.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal)
                .Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value)));
        if (scenario.User.Devices.Count > 0)
            user["devices"] = new JsonArray(scenario.User.Devices.Select(d => (JsonNode)DeviceName(d)).ToArray());
        var expect = new JsonObject { ["end"] = EndName(scenario.Expect.End) };
        if (scenario.Expect.NodeId is { } nodeId) expect["nodeId"] = nodeId;
        return new JsonObject
        {
            ["name"] = scenario.Name,
            ["user"] = user,
            ["steps"] = new JsonArray(scenario.Steps.Select(s => (JsonNode)ToJson(s)).ToArray()),
            ["expect"] = expect,
        };
    }

    private static JsonObject ToJson(JourneyTestStep step)
    {
        var json = new JsonObject();
        if (step.Values.Count > 0)
        {
            json["values"] = new JsonArray(step.Values.Select(v =>
            {
                var value = new JsonObject { ["callback"] = v.Callback };
                if (v.Prompt is not null) value["prompt"] = v.Prompt;
                if (v.Index != 0) value["index"] = v.Index;
                value["value"] = JsonNode.Parse(v.Value.GetRawText());
                return (JsonNode)value;
            }).ToArray());
        }
        if (step.Choice is not null) json["choice"] = step.Choice;
        if (step.Device is { } device) json["device"] = ActionName(device);
        return json;
    }

    public static string ActionName(JourneyTestDeviceAction action) => JsonNamingPolicy.CamelCase.ConvertName(action.ToString());

    public static string DeviceName(JourneyTestDeviceKind kind) => kind.ToString().ToLowerInvariant();

    public static string EndName(JourneyTestEndKind end) => end.ToString().ToLowerInvariant();

    public static IReadOnlyList<string> ActionNames { get; } = Enum.GetValues<JourneyTestDeviceAction>().Select(ActionName).ToList();

    /// <summary>Reads a suite from its JSON form (the export section).</summary>
    /// <exception cref="JourneyFormatException">Not a valid test suite; lists every problem with its path.</exception>
    public static JourneyTestSuite Read(JsonElement section, string path = "$")
    {
        var reader = new SuiteReader();
        var suite = reader.ReadSuite(section, path);
        if (reader.Errors.Count > 0) throw new JourneyFormatException(reader.Errors);
        return suite;
    }

    /// <summary>Reads one scenario (e.g. a request body that adds one).</summary>
    /// <exception cref="JourneyFormatException">Not a valid scenario.</exception>
    public static JourneyTestScenario ReadScenario(JsonElement scenario, string path = "$")
    {
        var reader = new SuiteReader();
        var read = reader.ReadScenario(scenario, path);
        if (reader.Errors.Count > 0 || read is null) throw new JourneyFormatException(reader.Errors);
        return read;
    }

    private sealed class SuiteReader
    {
        public List<JourneyFormatError> Errors { get; } = [];

        private void Error(string path, string message) => Errors.Add(new JourneyFormatError(path, message));

        public JourneyTestSuite ReadSuite(JsonElement json, string path)
        {
            if (json.ValueKind != JsonValueKind.Object)
            {
                Error(path, "expected an object with 'version' and 'scenarios'");
                return JourneyTestSuite.Empty;
            }
            if (json.TryGetProperty("version", out var version) && !(version.ValueKind == JsonValueKind.Number && version.TryGetInt32(out var v) && v == Version))
                Error(path + ".version", $"expected {Version}, the only version of the test format");
            Unknown(json, path, "version", "scenarios");
            if (!json.TryGetProperty("scenarios", out var scenarios) || scenarios.ValueKind != JsonValueKind.Array)
            {
                Error(path + ".scenarios", "expected an array of scenarios");
                return JourneyTestSuite.Empty;
            }
            var read = new List<JourneyTestScenario>();
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var index = 0;
            foreach (var scenario in scenarios.EnumerateArray())
            {
                var scenarioPath = $"{path}.scenarios[{index++}]";
                if (ReadScenario(scenario, scenarioPath) is not { } parsed) continue;
                if (!names.Add(parsed.Name)) Error(scenarioPath + ".name", $"another scenario is already called '{parsed.Name}'");
                read.Add(parsed);
            }
            return new JourneyTestSuite { Scenarios = read };
        }

        public JourneyTestScenario? ReadScenario(JsonElement json, string path)
        {
            if (json.ValueKind != JsonValueKind.Object)
            {
                Error(path, "expected a scenario object with 'name', 'user', 'steps' and 'expect'");
                return null;
            }
            Unknown(json, path, "name", "user", "steps", "expect");
            var errorsBefore = Errors.Count;
            var name = RequiredString(json, "name", path)?.Trim();
            if (name is { Length: 0 }) Error(path + ".name", "must not be empty");
            var user = ReadUser(json, path + ".user");
            var steps = new List<JourneyTestStep>();
            if (json.TryGetProperty("steps", out var stepsJson))
            {
                if (stepsJson.ValueKind != JsonValueKind.Array) Error(path + ".steps", "expected an array with one answer per step");
                else
                {
                    var i = 0;
                    foreach (var step in stepsJson.EnumerateArray())
                        if (ReadStep(step, $"{path}.steps[{i++}]") is { } parsed) steps.Add(parsed);
                }
            }
            var expect = ReadExpectation(json, path + ".expect");
            if (Errors.Count > errorsBefore || name is null || user is null || expect is null) return null;
            return new JourneyTestScenario { Name = name, User = user, Steps = steps, Expect = expect };
        }

        private JourneyTestUser? ReadUser(JsonElement scenario, string path)
        {
            if (!scenario.TryGetProperty("user", out var json) || json.ValueKind != JsonValueKind.Object)
            {
                Error(path, "expected the test user: an object with 'username' and 'password'");
                return null;
            }
            Unknown(json, path, "username", "password", "attributes", "devices");
            var username = RequiredString(json, "username", path)?.Trim();
            if (username is { Length: 0 }) Error(path + ".username", "must not be empty");
            var password = OptionalString(json, "password", path) ?? "";
            var attributes = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
            if (json.TryGetProperty("attributes", out var attrs))
            {
                if (attrs.ValueKind != JsonValueKind.Object) Error(path + ".attributes", "expected an object of attribute names and text values");
                else
                    foreach (var attr in attrs.EnumerateObject())
                    {
                        if (!AllowedAttributes.Contains(attr.Name))
                            Error($"{path}.attributes.{attr.Name}", $"unknown attribute; expected one of {string.Join(", ", AllowedAttributes)}");
                        else if (attr.Value.ValueKind != JsonValueKind.String) Error($"{path}.attributes.{attr.Name}", "expected text");
                        else attributes[attr.Name] = attr.Value.GetString()!;
                    }
            }
            var devices = new List<JourneyTestDeviceKind>();
            if (json.TryGetProperty("devices", out var devicesJson))
            {
                if (devicesJson.ValueKind != JsonValueKind.Array) Error(path + ".devices", "expected an array such as [\"push\", \"oath\"]");
                else
                {
                    var i = 0;
                    foreach (var device in devicesJson.EnumerateArray())
                    {
                        var devicePath = $"{path}.devices[{i++}]";
                        if (device.ValueKind == JsonValueKind.String && ParseEnum<JourneyTestDeviceKind>(device.GetString()) is { } kind)
                        {
                            if (devices.Contains(kind)) Error(devicePath, $"the user already has a {DeviceName(kind)} device");
                            else devices.Add(kind);
                        }
                        else Error(devicePath, "expected \"push\" or \"oath\"");
                    }
                }
            }
            return username is null ? null : new JourneyTestUser
            {
                Username = username, Password = password, Attributes = attributes.ToImmutable(), Devices = devices,
            };
        }

        /// <summary>The profile attributes a test user may have: those the identity store keeps.</summary>
        public static readonly IReadOnlyList<string> AllowedAttributes = ["givenName", "sn", "mail"];

        private JourneyTestStep? ReadStep(JsonElement json, string path)
        {
            if (json.ValueKind != JsonValueKind.Object)
            {
                Error(path, "expected a step answer: an object with 'values', 'choice' and/or 'device' ({} continues as sent)");
                return null;
            }
            Unknown(json, path, "values", "choice", "device");
            var values = new List<JourneyTestValue>();
            if (json.TryGetProperty("values", out var valuesJson))
            {
                if (valuesJson.ValueKind != JsonValueKind.Array) Error(path + ".values", "expected an array of {callback, value}");
                else
                {
                    var i = 0;
                    foreach (var value in valuesJson.EnumerateArray())
                    {
                        var valuePath = $"{path}.values[{i++}]";
                        if (value.ValueKind != JsonValueKind.Object)
                        {
                            Error(valuePath, "expected {\"callback\": type, \"value\": …}");
                            continue;
                        }
                        Unknown(value, valuePath, "callback", "prompt", "index", "value");
                        var callback = RequiredString(value, "callback", valuePath);
                        var prompt = OptionalString(value, "prompt", valuePath);
                        var index = 0;
                        if (value.TryGetProperty("index", out var indexJson)
                            && !(indexJson.ValueKind == JsonValueKind.Number && indexJson.TryGetInt32(out index) && index >= 0))
                            Error(valuePath + ".index", "expected a whole number from 0");
                        if (!value.TryGetProperty("value", out var v)) Error(valuePath + ".value", "missing: the value to enter");
                        else if (callback is not null)
                            values.Add(new JourneyTestValue { Callback = callback, Prompt = prompt, Index = index, Value = v.Clone() });
                    }
                }
            }
            string? choice = null;
            if (json.TryGetProperty("choice", out var choiceJson))
            {
                if (choiceJson.ValueKind == JsonValueKind.String) choice = choiceJson.GetString();
                else if (choiceJson.ValueKind == JsonValueKind.Number && choiceJson.TryGetInt32(out var n) && n >= 0) choice = n.ToString(System.Globalization.CultureInfo.InvariantCulture);
                else Error(path + ".choice", "expected the label of the option to pick (or its index from 0)");
            }
            JourneyTestDeviceAction? device = null;
            if (json.TryGetProperty("device", out var deviceJson))
            {
                device = deviceJson.ValueKind == JsonValueKind.String ? ParseEnum<JourneyTestDeviceAction>(deviceJson.GetString()) : null;
                if (device is null) Error(path + ".device", $"expected one of {string.Join(", ", ActionNames)}");
            }
            return new JourneyTestStep { Values = values, Choice = choice, Device = device };
        }

        private JourneyTestExpectation? ReadExpectation(JsonElement scenario, string path)
        {
            if (!scenario.TryGetProperty("expect", out var json) || json.ValueKind != JsonValueKind.Object)
            {
                Error(path, "expected {\"end\": \"success\"}, {\"end\": \"failure\"} or {\"end\": \"node\", \"nodeId\": …}");
                return null;
            }
            Unknown(json, path, "end", "nodeId");
            var end = json.TryGetProperty("end", out var endJson) && endJson.ValueKind == JsonValueKind.String
                ? ParseEnum<JourneyTestEndKind>(endJson.GetString())
                : null;
            if (end is null)
            {
                Error(path + ".end", "expected \"success\", \"failure\" or \"node\"");
                return null;
            }
            var nodeId = OptionalString(json, "nodeId", path);
            if (end == JourneyTestEndKind.Node && string.IsNullOrWhiteSpace(nodeId))
            {
                Error(path + ".nodeId", "expected the id of the node the journey must reach");
                return null;
            }
            if (end != JourneyTestEndKind.Node && nodeId is not null)
                Error(path + ".nodeId", "only an expectation with \"end\": \"node\" names a node");
            return new JourneyTestExpectation { End = end.Value, NodeId = end == JourneyTestEndKind.Node ? nodeId : null };
        }

        private string? RequiredString(JsonElement json, string name, string path)
        {
            if (json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String) return value.GetString();
            Error($"{path}.{name}", "expected text");
            return null;
        }

        private string? OptionalString(JsonElement json, string name, string path)
        {
            if (!json.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
            if (value.ValueKind == JsonValueKind.String) return value.GetString();
            Error($"{path}.{name}", "expected text");
            return null;
        }

        // A misspelt key ("expcet") would otherwise be ignored and the scenario would test less than its author thinks.
        private void Unknown(JsonElement json, string path, params string[] known)
        {
            foreach (var property in json.EnumerateObject())
                if (!known.Contains(property.Name, StringComparer.Ordinal))
                    Error($"{path}.{property.Name}", $"unknown field; expected {string.Join(", ", known)}");
        }

        private static T? ParseEnum<T>(string? text) where T : struct, Enum =>
            text is { Length: > 0 } && !char.IsDigit(text[0]) && Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) ? value : null;
    }
}
