using System.Collections.Immutable;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Acornima.Ast;
using Jint;
using Jint.Native;
using Jint.Runtime;
using JourneyStudio.Journeys.Scripts;
using JourneyStudio.Runtime.Callbacks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JourneyStudio.Runtime.Scripts;

/// <summary>What one script run gets: the script, the sign-on's state and request, and the callbacks it sent before (if any).</summary>
public sealed record ScriptInvocation
{
    public required ScriptDefinition Script { get; init; }

    public required JsonObject SharedState { get; init; }

    public required JsonObject TransientState { get; init; }

    /// <summary>AM's realm path, e.g. <c>/alpha</c>.</summary>
    public required string Realm { get; init; }

    public IReadOnlyDictionary<string, IReadOnlyList<string>> RequestHeaders { get; init; } = ImmutableDictionary<string, IReadOnlyList<string>>.Empty;

    public IReadOnlyDictionary<string, IReadOnlyList<string>> RequestParameters { get; init; } = ImmutableDictionary<string, IReadOnlyList<string>>.Empty;

    /// <summary>The properties of the user's current session, when the request came with one.</summary>
    public IReadOnlyDictionary<string, string>? ExistingSession { get; init; }

    /// <summary>The callbacks this node sent, with the client's answers; null on the first pass.</summary>
    public IReadOnlyList<Callback>? Callbacks { get; init; }

    /// <summary>An identity known before the run (e.g. the sign-on's own) for <c>idRepository</c>; null when none.</summary>
    public ScriptIdentity? Identity { get; init; }

    /// <summary>
    /// How <c>idRepository</c> finds other identities by username, when the script first asks for one; null finds none.
    /// Synchronous because the script reads the answer as a return value (AM's API), inside Jint's synchronous run.
    /// </summary>
    public Func<string, ScriptIdentity?>? FindIdentity { get; init; }

    public CancellationToken CancellationToken { get; init; }
}

/// <summary>An identity as scripts see it: AM attribute names to values.</summary>
public sealed record ScriptIdentity(string Username, IReadOnlyDictionary<string, IReadOnlyList<string>> Attributes);

/// <summary>An attribute a script set through <c>idRepository</c>, applied after the script returns.</summary>
public sealed record ScriptIdentityWrite(string Username, string Attribute, IReadOnlyList<string> Values);

/// <summary>What a script decided: callbacks to send or an outcome, plus the state it leaves.</summary>
public sealed record ScriptDecision
{
    /// <summary>Callbacks to send; null when the script chose an outcome.</summary>
    public IReadOnlyList<Callback>? Callbacks { get; init; }

    public string? Outcome { get; init; }

    /// <summary>Set by <c>withErrorMessage</c>: what a failed sign-on should tell the user.</summary>
    public string? ErrorMessage { get; init; }

    public string? Header { get; init; }

    public string? Description { get; init; }

    public string? Stage { get; init; }

    /// <summary>Properties to put on the session (<c>putSessionProperty</c>); a null value removes one (<c>removeSessionProperty</c>).</summary>
    public IReadOnlyDictionary<string, string?> SessionProperties { get; init; } = ImmutableDictionary<string, string?>.Empty;

    public IReadOnlyList<string> NodeTypes { get; init; } = [];

    public required JsonObject SharedState { get; init; }

    public required JsonObject TransientState { get; init; }

    public IReadOnlyList<ScriptIdentityWrite> IdentityWrites { get; init; } = [];
}

/// <summary>
/// Runs JavaScript scripts with AM's Scripted Decision bindings in a Jint sandbox: no CLR access, no <c>eval</c> or
/// <c>new Function</c>, and the time, statement, memory, recursion and array limits of <see cref="ScriptingOptions"/>. Each run
/// gets a fresh engine, so nothing one sign-on's script leaves behind is seen by another.
/// </summary>
public sealed partial class ScriptRunner(
    ScriptCompiler compiler,
    IOptions<ScriptingOptions> options,
    IHttpClientFactory httpClients,
    ILogger<ScriptRunner> logger)
{
    public const string HttpClientName = "JourneyStudio.Scripts";

    /// <summary>The longest response body <c>httpClient</c> hands a script.</summary>
    public const int MaxHttpResponseBytes = 4 * 1024 * 1024;

    private static readonly Prepared<Script> Bindings = Jint.Engine.PrepareScript(ReadBindings(), "journeystudio-bindings.js", strict: false);

    private static readonly JsonSerializerOptions CompactJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <exception cref="ScriptFailureException">The script cannot run, threw, passed a limit or decided nothing.</exception>
    public ScriptDecision Run(ScriptInvocation invocation)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var script = invocation.Script;
        if (!script.IsJavaScript)
            throw new ScriptFailureException(ScriptFailureKind.NotRunnable, script.Name, null, $"{script.Language} scripts do not run in JourneyStudio; only JavaScript does.");
        var compilation = compiler.Compile(script.Source, script.Name);
        if (!compilation.Succeeded)
            throw new ScriptFailureException(ScriptFailureKind.SyntaxError, script.Name, compilation.ErrorLine, compilation.Error ?? "not valid JavaScript");

        var limits = options.Value;
        var engine = new Jint.Engine(o =>
        {
            o.Strict = false;
            o.TimeoutInterval(limits.Timeout);
            o.MaxStatements(limits.MaxStatements);
            o.LimitMemory(limits.MaxMemoryBytes);
            o.LimitRecursion(limits.MaxRecursionDepth);
            o.Constraints.MaxArraySize = limits.MaxArraySize;
            o.CancellationToken(invocation.CancellationToken);
            // eval and new Function would compile text the validator never saw.
            o.DisableStringCompilation();
        });

        engine.SetValue("__journeyStudioInput", InputJson(invocation));
        engine.SetValue("__journeyStudioLog", new Action<string, string>((level, message) => Log(script.Name, level, message)));
        engine.SetValue("__journeyStudioHttp", new Func<string, string>(request => SendHttp(script.Name, request, invocation.CancellationToken)));
        engine.SetValue("__journeyStudioIdentity", new Func<string, string?>(username => FindIdentityJson(invocation, username)));

        JsValue collect;
        try
        {
            collect = engine.Evaluate(Bindings);
            engine.Execute(compilation.Prepared!.Value);
        }
        catch (Exception e) when (Translate(e, script.Name) is { } failure)
        {
            throw failure;
        }

        string decided;
        try
        {
            decided = engine.Invoke(collect).AsString();
        }
        catch (Exception e) when (Translate(e, script.Name) is { } failure)
        {
            throw failure;
        }
        return ReadDecision(script.Name, decided);
    }

    private static ScriptFailureException? Translate(Exception e, string name) => e switch
    {
        ScriptFailureException failure => failure,
        TimeoutException => new(ScriptFailureKind.TimeLimit, name, null, "it ran longer than the time limit (JourneyStudio:Scripting:Timeout).", e),
        StatementsCountOverflowException => new(ScriptFailureKind.StatementLimit, name, null, "it ran more statements than allowed (JourneyStudio:Scripting:MaxStatements).", e),
        MemoryLimitExceededException => new(ScriptFailureKind.MemoryLimit, name, null, "it used more memory than allowed (JourneyStudio:Scripting:MaxMemoryBytes).", e),
        RecursionDepthOverflowException => new(ScriptFailureKind.RecursionLimit, name, null, "its calls nested deeper than allowed (JourneyStudio:Scripting:MaxRecursionDepth).", e),
        OutOfMemoryException or InsufficientExecutionStackException => new(ScriptFailureKind.MemoryLimit, name, null, "it needed more memory than the studio gives a script.", e),
        JavaScriptException js when IsArrayLimit(js) => new(ScriptFailureKind.MemoryLimit, name, LineIn(js, name),
            $"it made an array longer than allowed (JourneyStudio:Scripting:MaxArraySize): {js.Message}", e),
        JavaScriptException js => new(ScriptFailureKind.RuntimeError, name, LineIn(js, name), js.Message, e),
        Acornima.ParseErrorException parse => new(ScriptFailureKind.SyntaxError, name, parse.LineNumber, parse.Message, e),
        JintException jint => new(ScriptFailureKind.RuntimeError, name, null, jint.Message, e),
        _ => null,
    };

    /// <summary>The line of the admin's script an error happened at, also when it was thrown inside the bindings it called.</summary>
    private static int? LineIn(JavaScriptException e, string name)
    {
        if (e.Location.SourceFile == name && e.Location.Start.Line > 0) return e.Location.Start.Line;
        var frame = System.Text.RegularExpressions.Regex.Match(e.JavaScriptStackTrace ?? "", System.Text.RegularExpressions.Regex.Escape(name) + @":(\d+):\d+");
        return frame.Success ? int.Parse(frame.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    private static bool IsArrayLimit(JavaScriptException e) => e.Message.Contains("array", StringComparison.OrdinalIgnoreCase)
        && e.Message.Contains("size", StringComparison.OrdinalIgnoreCase);

    private static string InputJson(ScriptInvocation invocation)
    {
        var input = new JsonObject
        {
            ["version"] = invocation.Script.EvaluatorVersion,
            ["realm"] = invocation.Realm,
            ["shared"] = invocation.SharedState.DeepClone(),
            ["transient"] = invocation.TransientState.DeepClone(),
            ["headers"] = ListMap(invocation.RequestHeaders),
            ["parameters"] = ListMap(invocation.RequestParameters),
            ["existingSession"] = invocation.ExistingSession is { } session
                ? new JsonObject(session.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value))))
                : null,
            ["identity"] = invocation.Identity is { } identity ? IdentityJson(identity) : null,
            ["callbacks"] = invocation.Callbacks is { } callbacks ? new JsonArray(callbacks.Select(CallbackJson).ToArray()) : null,
        };
        return input.ToJsonString(CompactJson);
    }

    private static string? FindIdentityJson(ScriptInvocation invocation, string username) =>
        invocation.FindIdentity?.Invoke(username) is { } found ? IdentityJson(found).ToJsonString(CompactJson) : null;

    private static JsonObject IdentityJson(ScriptIdentity identity) =>
        new() { ["username"] = identity.Username, ["attributes"] = ListMap(identity.Attributes) };

    private static JsonObject ListMap(IReadOnlyDictionary<string, IReadOnlyList<string>> values) =>
        new(values.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)new JsonArray(p.Value.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray()))));

    private static JsonNode CallbackJson(Callback callback) => new JsonObject
    {
        ["type"] = callback.Type,
        ["output"] = new JsonObject(callback.Outputs.Select(o => KeyValuePair.Create(o.Name, JsonNode.Parse(o.Value.GetRawText())))),
        ["input"] = new JsonArray(callback.Inputs.Select(i => JsonNode.Parse(i.Value.GetRawText())).ToArray()),
    };

    private static ScriptDecision ReadDecision(string scriptName, string json)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        var shared = root["shared"] as JsonObject ?? new JsonObject();
        var transient = root["transient"] as JsonObject ?? new JsonObject();
        root.Remove("shared");
        root.Remove("transient");
        var writes = (root["identityWrites"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Select(w => new ScriptIdentityWrite((string)w["username"]!, (string)w["attribute"]!,
                (w["values"] as JsonArray ?? []).Select(v => v?.ToString() ?? "").ToList()))
            .ToList();
        var decision = new ScriptDecision { SharedState = Detach(shared), TransientState = Detach(transient), IdentityWrites = writes };

        if (root["action"] is JsonObject action)
            decision = decision with
            {
                ErrorMessage = (string?)action["errorMessage"],
                Header = (string?)action["header"],
                Description = (string?)action["description"],
                Stage = (string?)action["stage"],
                SessionProperties = (action["sessionProperties"] as JsonObject ?? []).ToDictionary(p => p.Key, p => p.Value?.ToString()),
                NodeTypes = (action["nodeTypes"] as JsonArray ?? []).Select(t => t?.ToString() ?? "").ToList(),
            };
        // AM: next-generation callbacksBuilder callbacks are sent; an action wins over outcome.
        if (root["built"] is JsonArray { Count: > 0 } built)
            return decision with { Callbacks = built.OfType<JsonObject>().Select(d => ToCallback(scriptName, d)).ToList() };
        if (root["action"] is JsonObject chosen)
        {
            if (chosen["send"] is JsonArray send)
            {
                if (send.Count == 0) throw new ScriptFailureException(ScriptFailureKind.RuntimeError, scriptName, null, "Action.send was given no callbacks.");
                return decision with { Callbacks = send.OfType<JsonObject>().Select(d => ToCallback(scriptName, d)).ToList() };
            }
            if ((string?)chosen["goTo"] is { Length: > 0 } goTo) return decision with { Outcome = goTo };
        }
        if ((string?)root["outcome"] is { Length: > 0 } outcome) return decision with { Outcome = outcome };
        throw new ScriptFailureException(ScriptFailureKind.NoOutcome, scriptName, null,
            "it set no outcome (set outcome = \"…\", or action = Action.goTo(\"…\").build(); next-generation scripts call action.goTo(\"…\")).");
    }

    private static JsonObject Detach(JsonObject state) => (JsonObject)JsonNode.Parse(state.ToJsonString())!;

    /// <summary>A callback descriptor from the bindings as AM's callback, with AM's output names and JSON types.</summary>
    private static Callback ToCallback(string scriptName, JsonObject d)
    {
        string Text(string name) => d[name]?.GetValueKind() == JsonValueKind.String ? (string)d[name]! : d[name]?.ToString() ?? "";
        int Number(string name) => d[name] is JsonValue v && v.TryGetValue<double>(out var n) ? (int)n : 0;
        IReadOnlyList<string> Strings(string name) => (d[name] as JsonArray ?? []).Select(x => x?.ToString() ?? "").ToList();
        var type = Text("type");
        switch (type)
        {
            case "NameCallback":
                return Callback.Name(Text("prompt"), Text("defaultName"));
            case "PasswordCallback":
                return new Callback(Callback.PasswordType, [Out("prompt", Text("prompt"))], [In("")]);
            case "TextInputCallback":
                return new Callback("TextInputCallback", [Out("prompt", Text("prompt")), Out("defaultText", Text("defaultText"))], [In("")]);
            case "TextOutputCallback":
                return Callback.TextOutput(Text("message"), (TextOutputMessageType)Number("messageType"));
            case "ScriptTextOutputCallback":
                return Callback.TextOutput(Text("message"), TextOutputMessageType.Script);
            case "ChoiceCallback":
                var choices = Strings("choices");
                if (choices.Count == 0) throw new ScriptFailureException(ScriptFailureKind.RuntimeError, scriptName, null, "a ChoiceCallback needs at least one choice.");
                return Callback.Choice(Text("prompt"), choices, Number("defaultChoice"));
            case "ConfirmationCallback":
                var options = Strings("options");
                var optionType = Number("optionType");
                if (options.Count == 0 && optionType == Callback.UnspecifiedOptionType)
                    throw new ScriptFailureException(ScriptFailureKind.RuntimeError, scriptName, null, "a ConfirmationCallback needs options or an option type.");
                return new Callback(Callback.ConfirmationType,
                    [Out("prompt", Text("prompt")), Out("messageType", Number("messageType")), Out("options", options),
                     Out("optionType", optionType), Out("defaultOption", Number("defaultOption"))],
                    [In(Number("defaultOption"))]);
            case "HiddenValueCallback":
                return Callback.HiddenValue(Text("id"), Text("value"));
            case "MetadataCallback":
                return d["data"] is JsonObject data
                    ? Callback.Metadata(JsonSerializer.SerializeToElement(data))
                    : throw new ScriptFailureException(ScriptFailureKind.RuntimeError, scriptName, null, "a MetadataCallback needs an object.");
            default:
                throw new ScriptFailureException(ScriptFailureKind.RuntimeError, scriptName, null, $"the callback type '{type}' cannot be sent by scripts.");
        }
    }

    private static CallbackOutput Out(string name, object value) => new(name, JsonSerializer.SerializeToElement(value));

    private static CallbackInput In(object value) => new("", JsonSerializer.SerializeToElement(value));

    private void Log(string scriptName, string level, string message)
    {
        var logLevel = level switch
        {
            "error" => LogLevel.Error,
            "warning" => LogLevel.Warning,
            "info" => LogLevel.Information,
            "trace" => LogLevel.Trace,
            _ => LogLevel.Debug,
        };
        LogScriptMessage(logLevel, scriptName, message);
    }

    /// <summary>
    /// One <c>httpClient</c> request, synchronous as AM's <c>send(…).get()</c> is: the script waits for it. Only hosts of
    /// <see cref="ScriptingOptions.HttpAllowedHosts"/>, no redirects (a redirect could lead off the list), within the timeout.
    /// </summary>
    private string SendHttp(string scriptName, string requestJson, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        var request = JsonNode.Parse(requestJson)!.AsObject();
        var uriText = (string?)request["uri"];
        if (!Uri.TryCreate(uriText, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new JavaScriptException($"httpClient: '{uriText}' is not an absolute http(s) URL.");
        if (!limits.AllowsHost(uri.Host))
        {
            LogHostRefused(scriptName, uri.Host);
            throw new JavaScriptException($"httpClient: the host '{uri.Host}' is not in JourneyStudio:Scripting:HttpAllowedHosts.");
        }

        using var message = new HttpRequestMessage(new HttpMethod((string?)request["method"] ?? "GET"), uri);
        if ((string?)request["body"] is { } body) message.Content = new StringContent(body, Encoding.UTF8);
        foreach (var (name, values) in request["headers"] as JsonObject ?? [])
        {
            var list = (values as JsonArray ?? []).Select(v => v?.ToString() ?? "").ToList();
            if (!message.Headers.TryAddWithoutValidation(name, list) && message.Content is not null)
            {
                message.Content.Headers.Remove(name);
                message.Content.Headers.TryAddWithoutValidation(name, list);
            }
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limits.HttpTimeout);
        try
        {
            var client = httpClients.CreateClient(HttpClientName);
            using var response = client.Send(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            using var stream = response.Content.ReadAsStream(timeout.Token);
            var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                if (buffer.Length + read > MaxHttpResponseBytes)
                    throw new JavaScriptException($"httpClient: the response from {uri.Host} is longer than {MaxHttpResponseBytes} bytes.");
                buffer.Write(chunk, 0, read);
            }
            var headers = new JsonObject();
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
                headers[name] = new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
            return new JsonObject
            {
                ["status"] = (int)response.StatusCode,
                ["reason"] = response.ReasonPhrase,
                ["headers"] = headers,
                ["body"] = Encoding.UTF8.GetString(buffer.ToArray()),
            }.ToJsonString();
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new JavaScriptException($"httpClient: {uri.Host} did not answer within {limits.HttpTimeout} (JourneyStudio:Scripting:HttpTimeout).");
        }
        catch (HttpRequestException e)
        {
            throw new JavaScriptException($"httpClient: the request to {uri.Host} failed: {e.Message}");
        }
    }

    private static string ReadBindings()
    {
        using var stream = typeof(ScriptRunner).Assembly.GetManifestResourceStream("JourneyStudio.Runtime.Scripts.am-bindings.js")
            ?? throw new InvalidOperationException("The script bindings are missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [LoggerMessage(Message = "Script {Script}: {ScriptMessage}")]
    private partial void LogScriptMessage(LogLevel level, string script, string scriptMessage);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Script {Script}: httpClient refused the host {Host}, which is not in JourneyStudio:Scripting:HttpAllowedHosts.")]
    private partial void LogHostRefused(string script, string host);
}
