using System.Net;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;

namespace JourneyStudio.Runtime.Tests.Push.Sns;

/// <summary>A Publish the fake accepted, as SNS would hand it to APNs or FCM.</summary>
/// <param name="PlatformPayload">The message entry SNS picks for the endpoint's platform (or <c>default</c>).</param>
internal sealed record FakeSnsDelivery(string TargetArn, string Platform, string Message, string? MessageStructure, string? Subject, string PlatformPayload);

/// <summary>One request the fake saw, before any check.</summary>
internal sealed record FakeSnsRequest(string? Action, IReadOnlyDictionary<string, string> Headers, IReadOnlyDictionary<string, string> Parameters);

internal sealed record FakeSnsEndpoint(string Arn, string ApplicationArn, string Platform, string Token, bool Enabled, string CustomUserData);

/// <summary>What Publish answers for an endpoint ARN that does not exist.</summary>
public enum MissingEndpointAnswer
{
    /// <summary>What real SNS says: 400 InvalidParameter "… No endpoint found for the target arn specified".</summary>
    InvalidParameterNoEndpointFound,

    /// <summary>404 NotFound, as some emulators (and the prototype's fake) answer.</summary>
    NotFound,
}

/// <summary>
/// An in-memory Amazon SNS Query API for mobile push on 127.0.0.1 with an OS-assigned port. It verifies every
/// request's SigV4 signature (<see cref="FakeSigV4Verifier"/>), implements CreatePlatformEndpoint (idempotent for
/// the same token and attributes), Publish to an endpoint ARN, Get/SetEndpointAttributes and DeleteEndpoint,
/// and answers with SNS's XML documents and error codes.
/// </summary>
internal sealed class FakeSnsServer : IAsyncDisposable
{
    public const string Region = "us-east-1";
    public const string Account = "123456789012";
    public const string AccessKeyId = "AKIAFAKESNS000000001";
    public const string SecretAccessKey = "fake/secret+key/for/the/verifying/sns/fake";
    public const string GcmApplicationArn = $"arn:aws:sns:{Region}:{Account}:app/GCM/journeystudio-android";
    public const string ApnsApplicationArn = $"arn:aws:sns:{Region}:{Account}:app/APNS/journeystudio-ios";

    private static readonly XNamespace SnsNamespace = "http://sns.amazonaws.com/doc/2010-03-31/";

    private readonly WebApplication _app;
    private readonly object _gate = new();
    private readonly Dictionary<string, FakeSigV4Verifier.KnownCredential> _credentials = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _applications = new(StringComparer.Ordinal)
    {
        [GcmApplicationArn] = "GCM",
        [ApnsApplicationArn] = "APNS",
    };

    private readonly Dictionary<string, FakeSnsEndpoint> _endpoints = new(StringComparer.Ordinal);
    private readonly List<FakeSnsDelivery> _deliveries = [];
    private readonly List<FakeSnsRequest> _requests = [];

    private FakeSnsServer(WebApplication app)
    {
        _app = app;
        _credentials[AccessKeyId] = new(SecretAccessKey, null);
    }

    public Uri ServiceUrl { get; private set; } = null!;

    /// <summary>The fake's clock for the five-minute signature window.</summary>
    public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;

    /// <summary>Real SNS names the existing endpoint's ARN in its "already exists" message; false drops it.</summary>
    public bool ConflictMessageNamesArn { get; set; } = true;

    public MissingEndpointAnswer PublishToMissingEndpoint { get; set; } = MissingEndpointAnswer.InvalidParameterNoEndpointFound;

    /// <summary>Delay before answering, to exercise client time limits.</summary>
    public TimeSpan ResponseDelay { get; set; }

    public IReadOnlyList<FakeSnsDelivery> Deliveries
    {
        get
        {
            lock (_gate)
            {
                return [.. _deliveries];
            }
        }
    }

    public IReadOnlyList<FakeSnsRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    public IReadOnlyList<FakeSnsEndpoint> Endpoints
    {
        get
        {
            lock (_gate)
            {
                return [.. _endpoints.Values];
            }
        }
    }

    public static async Task<FakeSnsServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakeSnsServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server.ServiceUrl = new Uri(app.Urls.Single().TrimEnd('/') + "/");
        return server;
    }

    public void AddCredentials(string accessKeyId, string secretAccessKey, string? sessionToken = null)
    {
        lock (_gate)
        {
            _credentials[accessKeyId] = new(secretAccessKey, sessionToken);
        }
    }

    public FakeSnsEndpoint? FindEndpoint(string arn)
    {
        lock (_gate)
        {
            return _endpoints.GetValueOrDefault(arn);
        }
    }

    /// <summary>Does what SNS does when APNs or FCM reports the token as invalid.</summary>
    public void DisableEndpoint(string arn)
    {
        lock (_gate)
        {
            _endpoints[arn] = _endpoints[arn] with { Enabled = false };
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        var parameters = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body))
            .ToDictionary(pair => pair.Key, pair => pair.Value.ToString(), StringComparer.Ordinal);
        var headers = context.Request.Headers.ToDictionary(header => header.Key.ToLowerInvariant(), header => header.Value.ToString(), StringComparer.Ordinal);
        lock (_gate)
        {
            _requests.Add(new(parameters.GetValueOrDefault("Action"), headers, parameters));
        }

        if (ResponseDelay > TimeSpan.Zero)
        {
            await Task.Delay(ResponseDelay, context.RequestAborted);
        }

        var rejection = FakeSigV4Verifier.Verify(context.Request, body, FindCredential, Region, "sns", Clock());
        if (rejection is not null)
        {
            await WriteErrorAsync(context, rejection.Status, rejection.Code, rejection.Message);
            return;
        }

        if (context.Request.Method != "POST" || !context.Request.ContentType!.StartsWith("application/x-www-form-urlencoded", StringComparison.Ordinal))
        {
            await WriteErrorAsync(context, 400, "InvalidAction", "Only form-encoded POST requests are supported.");
            return;
        }

        if (parameters.GetValueOrDefault("Version") != "2010-03-31")
        {
            await WriteErrorAsync(context, 400, "InvalidParameterValue", "Version must be 2010-03-31.");
            return;
        }

        var action = parameters.GetValueOrDefault("Action") ?? string.Empty;
        (int Status, string Code, string Message)? error;
        XElement? result;
        lock (_gate)
        {
            (result, error) = action switch
            {
                "CreatePlatformEndpoint" => CreatePlatformEndpoint(parameters),
                "Publish" => Publish(parameters),
                "GetEndpointAttributes" => GetEndpointAttributes(parameters),
                "SetEndpointAttributes" => SetEndpointAttributes(parameters),
                "DeleteEndpoint" => DeleteEndpoint(parameters),
                _ => (null, (400, "InvalidAction", $"The action {action} is not valid for this web service.")),
            };
        }

        if (error is { } failure)
        {
            await WriteErrorAsync(context, failure.Status, failure.Code, failure.Message);
            return;
        }

        var response = new XElement(SnsNamespace + action + "Response");
        if (result is not null)
        {
            response.Add(result);
        }

        response.Add(new XElement(SnsNamespace + "ResponseMetadata", new XElement(SnsNamespace + "RequestId", Guid.NewGuid())));
        await WriteXmlAsync(context, 200, response);
    }

    private FakeSigV4Verifier.KnownCredential? FindCredential(string accessKeyId)
    {
        lock (_gate)
        {
            return _credentials.GetValueOrDefault(accessKeyId);
        }
    }

    private (XElement?, (int, string, string)?) CreatePlatformEndpoint(IReadOnlyDictionary<string, string> parameters)
    {
        var applicationArn = parameters.GetValueOrDefault("PlatformApplicationArn");
        if (applicationArn is null || !_applications.TryGetValue(applicationArn, out var platform))
        {
            return (null, (404, "NotFound", "PlatformApplication does not exist"));
        }

        var token = parameters.GetValueOrDefault("Token");
        if (string.IsNullOrEmpty(token))
        {
            return (null, (400, "InvalidParameter", "Invalid parameter: Token Reason: Token is required"));
        }

        var attributes = ReadAttributes(parameters);
        if (parameters.TryGetValue("CustomUserData", out var customUserData))
        {
            attributes["CustomUserData"] = customUserData;
        }

        var existing = _endpoints.Values.FirstOrDefault(endpoint => endpoint.ApplicationArn == applicationArn && endpoint.Token == token);
        if (existing is not null)
        {
            var sameAttributes = attributes.All(attribute => attribute.Key switch
            {
                "Enabled" => string.Equals(attribute.Value, existing.Enabled ? "true" : "false", StringComparison.OrdinalIgnoreCase),
                "CustomUserData" => attribute.Value == existing.CustomUserData,
                "Token" => attribute.Value == existing.Token,
                _ => false,
            });
            if (!sameAttributes)
            {
                var reason = ConflictMessageNamesArn
                    ? $"Endpoint {existing.Arn} already exists with the same Token, but different attributes."
                    : "An endpoint with the same Token already exists, but with different attributes.";
                return (null, (400, "InvalidParameter", $"Invalid parameter: Token Reason: {reason}"));
            }

            return (Result("CreatePlatformEndpoint", new XElement(SnsNamespace + "EndpointArn", existing.Arn)), null);
        }

        var applicationName = applicationArn[(applicationArn.LastIndexOf('/') + 1)..];
        var endpointArn = $"arn:aws:sns:{Region}:{Account}:endpoint/{platform}/{applicationName}/{Guid.NewGuid()}";
        _endpoints[endpointArn] = new FakeSnsEndpoint(
            endpointArn,
            applicationArn,
            platform,
            token,
            !string.Equals(attributes.GetValueOrDefault("Enabled"), "false", StringComparison.OrdinalIgnoreCase),
            attributes.GetValueOrDefault("CustomUserData") ?? string.Empty);
        return (Result("CreatePlatformEndpoint", new XElement(SnsNamespace + "EndpointArn", endpointArn)), null);
    }

    private (XElement?, (int, string, string)?) Publish(IReadOnlyDictionary<string, string> parameters)
    {
        var targetArn = parameters.GetValueOrDefault("TargetArn");
        if (targetArn is null)
        {
            return (null, (400, "InvalidParameter", "Invalid parameter: TargetArn Reason: this fake only publishes to endpoint ARNs"));
        }

        if (!_endpoints.TryGetValue(targetArn, out var endpoint))
        {
            return PublishToMissingEndpoint == MissingEndpointAnswer.NotFound
                ? (null, (404, "NotFound", "Endpoint does not exist"))
                : (null, (400, "InvalidParameter", "Invalid parameter: TargetArn Reason: No endpoint found for the target arn specified"));
        }

        if (!endpoint.Enabled)
        {
            return (null, (400, "EndpointDisabled", "Endpoint is disabled"));
        }

        var message = parameters.GetValueOrDefault("Message");
        if (string.IsNullOrEmpty(message))
        {
            return (null, (400, "InvalidParameter", "Invalid parameter: Message Reason: Empty message"));
        }

        var structure = parameters.GetValueOrDefault("MessageStructure");
        var subject = parameters.GetValueOrDefault("Subject");
        if (subject is not null && (subject.Length >= 100 || subject.Any(character => character is < ' ' or > '~')))
        {
            return (null, (400, "InvalidParameter", "Invalid parameter: Subject"));
        }

        var payload = message;
        if (structure == "json")
        {
            // SNS checks that the message is an object of strings and picks the endpoint platform's entry.
            try
            {
                using var document = JsonDocument.Parse(message);
                if (document.RootElement.ValueKind != JsonValueKind.Object
                    || document.RootElement.EnumerateObject().Any(property => property.Value.ValueKind != JsonValueKind.String))
                {
                    return (null, (400, "InvalidParameter", "Invalid parameter: Message Structure - JSON message values must be strings"));
                }

                if (document.RootElement.TryGetProperty(endpoint.Platform, out var platformValue))
                {
                    payload = platformValue.GetString()!;
                }
                else if (document.RootElement.TryGetProperty("default", out var defaultValue))
                {
                    payload = defaultValue.GetString()!;
                }
                else
                {
                    return (null, (400, "InvalidParameter", $"Invalid parameter: Message Structure - No default entry in JSON message body"));
                }
            }
            catch (JsonException)
            {
                return (null, (400, "InvalidParameter", "Invalid parameter: Message Structure - JSON message body failed to parse"));
            }
        }

        _deliveries.Add(new FakeSnsDelivery(targetArn, endpoint.Platform, message, structure, subject, payload));
        return (Result("Publish", new XElement(SnsNamespace + "MessageId", Guid.NewGuid())), null);
    }

    private (XElement?, (int, string, string)?) GetEndpointAttributes(IReadOnlyDictionary<string, string> parameters)
    {
        if (!_endpoints.TryGetValue(parameters.GetValueOrDefault("EndpointArn") ?? string.Empty, out var endpoint))
        {
            return (null, (404, "NotFound", "Endpoint does not exist"));
        }

        var entries = new Dictionary<string, string>
        {
            ["Enabled"] = endpoint.Enabled ? "true" : "false",
            ["Token"] = endpoint.Token,
            ["CustomUserData"] = endpoint.CustomUserData,
        };
        var attributes = new XElement(SnsNamespace + "Attributes", entries.Select(entry => new XElement(
            SnsNamespace + "entry",
            new XElement(SnsNamespace + "key", entry.Key),
            new XElement(SnsNamespace + "value", entry.Value))));
        return (Result("GetEndpointAttributes", attributes), null);
    }

    private (XElement?, (int, string, string)?) SetEndpointAttributes(IReadOnlyDictionary<string, string> parameters)
    {
        var arn = parameters.GetValueOrDefault("EndpointArn") ?? string.Empty;
        if (!_endpoints.TryGetValue(arn, out var endpoint))
        {
            return (null, (404, "NotFound", "Endpoint does not exist"));
        }

        foreach (var (key, value) in ReadAttributes(parameters))
        {
            switch (key)
            {
                case "Enabled" when value is "true" or "false":
                    endpoint = endpoint with { Enabled = value == "true" };
                    break;
                case "Token":
                    endpoint = endpoint with { Token = value };
                    break;
                case "CustomUserData":
                    endpoint = endpoint with { CustomUserData = value };
                    break;
                default:
                    return (null, (400, "InvalidParameter", $"Invalid parameter: Attributes Reason: {key}={value} is not valid"));
            }
        }

        _endpoints[arn] = endpoint;
        return (null, null);
    }

    private (XElement?, (int, string, string)?) DeleteEndpoint(IReadOnlyDictionary<string, string> parameters)
    {
        // Idempotent, like SNS.
        _endpoints.Remove(parameters.GetValueOrDefault("EndpointArn") ?? string.Empty);
        return (null, null);
    }

    private static Dictionary<string, string> ReadAttributes(IReadOnlyDictionary<string, string> parameters)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var index = 1; parameters.TryGetValue($"Attributes.entry.{index}.key", out var key); index++)
        {
            attributes[key] = parameters.GetValueOrDefault($"Attributes.entry.{index}.value") ?? string.Empty;
        }

        return attributes;
    }

    private static XElement Result(string action, XElement content) => new(SnsNamespace + action + "Result", content);

    private static Task WriteErrorAsync(HttpContext context, int status, string code, string message) =>
        WriteXmlAsync(context, status, new XElement(
            SnsNamespace + "ErrorResponse",
            new XElement(SnsNamespace + "Error",
                new XElement(SnsNamespace + "Type", status >= 500 ? "Receiver" : "Sender"),
                new XElement(SnsNamespace + "Code", code),
                new XElement(SnsNamespace + "Message", message)),
            new XElement(SnsNamespace + "RequestId", Guid.NewGuid())));

    private static async Task WriteXmlAsync(HttpContext context, int status, XElement document)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/xml";
        await context.Response.WriteAsync(document.ToString(SaveOptions.DisableFormatting));
    }
}
