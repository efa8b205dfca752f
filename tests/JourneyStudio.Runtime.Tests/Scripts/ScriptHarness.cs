using System.Text.Json.Nodes;
using JourneyStudio.Journeys.Scripts;
using JourneyStudio.Runtime.Callbacks;
using JourneyStudio.Runtime.Scripts;
using JourneyStudio.Runtime.Tests.Support;
using Microsoft.Extensions.Options;

namespace JourneyStudio.Runtime.Tests.Scripts;

/// <summary>A <see cref="ScriptRunner"/> with test limits, a recording HTTP handler and a log to assert on.</summary>
internal sealed class ScriptHarness
{
    public ScriptingOptions Options { get; } = new() { HttpAllowedHosts = ["api.example.com"] };

    public ListLogger<ScriptRunner> Log { get; } = new();

    public RecordingHandler Http { get; } = new();

    public ScriptRunner CreateRunner() =>
        new(new ScriptCompiler(Microsoft.Extensions.Options.Options.Create(Options)), Microsoft.Extensions.Options.Options.Create(Options),
            new HandlerClientFactory(Http), Log);

    public static ScriptDefinition Script(string source, string version = ScriptDefinition.LegacyEvaluator, string name = "test script",
        string language = ScriptDefinition.JavaScript) =>
        new() { Id = "script-" + name.Replace(' ', '-'), Name = name, Source = source, EvaluatorVersion = version, Language = language };

    public ScriptDecision Run(string source, string version = ScriptDefinition.LegacyEvaluator, JsonObject? shared = null,
        JsonObject? transient = null, IReadOnlyList<Callback>? callbacks = null, ScriptIdentity? identity = null,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? headers = null, IReadOnlyDictionary<string, IReadOnlyList<string>>? parameters = null,
        IReadOnlyDictionary<string, string>? existingSession = null) =>
        CreateRunner().Run(new ScriptInvocation
        {
            Script = Script(source, version),
            SharedState = shared ?? new JsonObject(),
            TransientState = transient ?? new JsonObject(),
            Realm = "/alpha",
            Callbacks = callbacks,
            Identity = identity,
            RequestHeaders = headers ?? new Dictionary<string, IReadOnlyList<string>>(),
            RequestParameters = parameters ?? new Dictionary<string, IReadOnlyList<string>>(),
            ExistingSession = existingSession,
        });

    public ScriptFailureException Fails(string source, string version = ScriptDefinition.LegacyEvaluator) =>
        Assert.Throws<ScriptFailureException>(() => Run(source, version));

    /// <summary>Answers callbacks the way the engine hands them back: inputs set by index.</summary>
    public static IReadOnlyList<Callback> Answer(IReadOnlyList<Callback> sent, params object[] firstInputs) =>
        sent.Select((c, i) => i < firstInputs.Length && c.Inputs.Count > 0 ? c.WithInputValue(0, firstInputs[i]) : c).ToList();
}

internal sealed class RecordingHandler : HttpMessageHandler
{
    public List<(HttpRequestMessage Request, string? Body)> Requests { get; } = [];

    /// <summary>The answer to a request (the runner sends synchronously, as AM's <c>send(…).get()</c> waits).</summary>
    public Func<HttpRequestMessage, CancellationToken, HttpResponseMessage> Respond { get; set; } =
        (_, _) => new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent("{\"ok\":true}") };

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string? body = null;
        if (request.Content is not null)
            using (var reader = new StreamReader(request.Content.ReadAsStream(cancellationToken)))
                body = reader.ReadToEnd();
        Requests.Add((request, body));
        return Respond(request, cancellationToken);
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(Send(request, cancellationToken));
}

internal sealed class HandlerClientFactory(HttpMessageHandler handler) : IHttpClientFactory
{
    public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
}
