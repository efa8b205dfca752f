using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace JourneyStudio.Runtime.Push.Sns;

/// <summary>
/// A small client for the Amazon SNS Query API (form-encoded POST, XML answers), signed with
/// <see cref="AwsSigV4Signer"/>. It covers the mobile-push actions AM uses and nothing else.
/// </summary>
public sealed partial class SnsClient
{
    public const string ApiVersion = "2010-03-31";
    public const string ServiceName = "sns";
    public const string FormContentType = "application/x-www-form-urlencoded; charset=utf-8";

    private const string EnabledAttribute = "Enabled";
    private const string TokenAttribute = "Token";
    private const string CustomUserDataAttribute = "CustomUserData";

    private readonly HttpClient _httpClient;
    private readonly SnsClientSettings _settings;
    private readonly TimeProvider _timeProvider;

    public SnsClient(HttpClient httpClient, SnsClientSettings settings, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(settings);
        if (!settings.Endpoint.IsAbsoluteUri)
        {
            throw new ArgumentException("The SNS endpoint must be an absolute URI.", nameof(settings));
        }

        if (settings.Timeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("The SNS request timeout must be positive.", nameof(settings));
        }

        _httpClient = httpClient;
        _settings = settings;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    public SnsClientSettings Settings => _settings;

    /// <summary>
    /// <c>CreatePlatformEndpoint</c> as sent on the wire; SNS returns the existing ARN when the same token is
    /// registered with the same attributes, and <c>InvalidParameter</c> when the attributes differ.
    /// </summary>
    public async Task<string> CreatePlatformEndpointAsync(
        string platformApplicationArn,
        string token,
        string? customUserData,
        IReadOnlyDictionary<string, string>? attributes,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(platformApplicationArn);
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        var parameters = new List<KeyValuePair<string, string>>
        {
            new("PlatformApplicationArn", platformApplicationArn),
            new("Token", token),
        };
        if (customUserData is not null)
        {
            parameters.Add(new("CustomUserData", customUserData));
        }

        AddAttributes(parameters, attributes);
        var result = await CallAsync("CreatePlatformEndpoint", parameters, cancellationToken).ConfigureAwait(false);
        return RequiredElement(result, "EndpointArn", "CreatePlatformEndpoint");
    }

    /// <summary>
    /// Creates (or finds) the enabled platform endpoint for a device token, the way AM and AWS's token
    /// management guidance do it:
    /// <list type="number">
    /// <item>create with <c>Enabled=true</c>;</item>
    /// <item>on <c>InvalidParameter</c> "Endpoint arn:… already exists with the same Token, but different attributes",
    /// reuse that ARN; when the message names no ARN, retry with <c>Enabled=false</c> (matches an endpoint SNS disabled
    /// after APNs/FCM feedback);</item>
    /// <item>then set <c>Token</c>, <c>Enabled=true</c> and the custom user data on the endpoint found, so a
    /// re-registering device becomes reachable again.</item>
    /// </list>
    /// </summary>
    public async Task<string> EnsurePlatformEndpointAsync(
        string platformApplicationArn,
        string token,
        string? customUserData,
        CancellationToken cancellationToken)
    {
        var enabled = new Dictionary<string, string> { [EnabledAttribute] = "true" };
        try
        {
            return await CreatePlatformEndpointAsync(platformApplicationArn, token, customUserData, enabled, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (SnsException conflict) when (conflict.Code == SnsErrorCodes.InvalidParameter)
        {
            var existing = ExistingEndpointPattern().Match(conflict.ErrorMessage);
            string endpointArn;
            if (existing.Success)
            {
                endpointArn = existing.Groups["arn"].Value;
            }
            else
            {
                var disabled = new Dictionary<string, string> { [EnabledAttribute] = "false" };
                endpointArn = await CreatePlatformEndpointAsync(platformApplicationArn, token, customUserData, disabled, cancellationToken)
                    .ConfigureAwait(false);
            }

            var reEnable = new Dictionary<string, string>
            {
                [TokenAttribute] = token,
                [EnabledAttribute] = "true",
            };
            if (customUserData is not null)
            {
                reEnable[CustomUserDataAttribute] = customUserData;
            }

            await SetEndpointAttributesAsync(endpointArn, reEnable, cancellationToken).ConfigureAwait(false);
            return endpointArn;
        }
    }

    /// <summary><c>Publish</c> to one target (a platform endpoint ARN); returns SNS's message id.</summary>
    /// <param name="messageStructureJson">
    /// True sends <c>MessageStructure=json</c>: <paramref name="message"/> is then a JSON object of per-platform strings.
    /// </param>
    /// <param name="subject">Optional; SNS only accepts ASCII without line breaks, at most 100 characters.</param>
    public async Task<string> PublishAsync(
        string targetArn,
        string message,
        bool messageStructureJson,
        string? subject,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(targetArn);
        ArgumentNullException.ThrowIfNull(message);
        var parameters = new List<KeyValuePair<string, string>>
        {
            new("TargetArn", targetArn),
            new("Message", message),
        };
        if (messageStructureJson)
        {
            parameters.Add(new("MessageStructure", "json"));
        }

        if (!string.IsNullOrEmpty(subject))
        {
            parameters.Add(new("Subject", subject));
        }

        var result = await CallAsync("Publish", parameters, cancellationToken).ConfigureAwait(false);
        return RequiredElement(result, "MessageId", "Publish");
    }

    /// <summary><c>GetEndpointAttributes</c>: <c>Enabled</c>, <c>Token</c>, <c>CustomUserData</c>.</summary>
    public async Task<IReadOnlyDictionary<string, string>> GetEndpointAttributesAsync(string endpointArn, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(endpointArn);
        var result = await CallAsync("GetEndpointAttributes", [new("EndpointArn", endpointArn)], cancellationToken)
            .ConfigureAwait(false);
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in result.Descendants().Where(element => element.Name.LocalName == "entry"))
        {
            var key = ChildValue(entry, "key");
            if (key is not null)
            {
                attributes[key] = ChildValue(entry, "value") ?? string.Empty;
            }
        }

        return attributes;
    }

    /// <summary><c>SetEndpointAttributes</c>.</summary>
    public async Task SetEndpointAttributesAsync(
        string endpointArn,
        IReadOnlyDictionary<string, string> attributes,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(endpointArn);
        ArgumentNullException.ThrowIfNull(attributes);
        var parameters = new List<KeyValuePair<string, string>> { new("EndpointArn", endpointArn) };
        AddAttributes(parameters, attributes);
        await CallAsync("SetEndpointAttributes", parameters, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>DeleteEndpoint</c> (idempotent at SNS).</summary>
    public async Task DeleteEndpointAsync(string endpointArn, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(endpointArn);
        await CallAsync("DeleteEndpoint", [new("EndpointArn", endpointArn)], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Form-encodes Query API parameters (RFC 3986), keeping their order.</summary>
    public static string EncodeForm(IEnumerable<KeyValuePair<string, string>> parameters) =>
        string.Join('&', parameters.Select(parameter =>
            $"{AwsSigV4Signer.UriEncode(parameter.Key)}={AwsSigV4Signer.UriEncode(parameter.Value)}"));

    private static void AddAttributes(List<KeyValuePair<string, string>> parameters, IReadOnlyDictionary<string, string>? attributes)
    {
        if (attributes is null)
        {
            return;
        }

        var index = 1;
        foreach (var (key, value) in attributes.OrderBy(attribute => attribute.Key, StringComparer.Ordinal))
        {
            parameters.Add(new($"Attributes.entry.{index}.key", key));
            parameters.Add(new($"Attributes.entry.{index}.value", value));
            index++;
        }
    }

    /// <summary>Signs and sends one action; returns the <c>{Action}Result</c> element (or the root when absent).</summary>
    /// <exception cref="SnsException">SNS answered with an error.</exception>
    /// <exception cref="TimeoutException">No answer within <see cref="SnsClientSettings.Timeout"/>.</exception>
    /// <exception cref="HttpRequestException">The network failed.</exception>
    private async Task<XElement> CallAsync(
        string action,
        IReadOnlyList<KeyValuePair<string, string>> parameters,
        CancellationToken cancellationToken)
    {
        var form = EncodeForm([new("Action", action), new("Version", ApiVersion), .. parameters]);
        var body = Encoding.UTF8.GetBytes(form);
        var signature = AwsSigV4Signer.Sign(
            "POST",
            _settings.Endpoint,
            [new("content-type", FormContentType)],
            body,
            _settings.Region,
            ServiceName,
            _settings.Credentials,
            _timeProvider.GetUtcNow());

        using var request = new HttpRequestMessage(HttpMethod.Post, _settings.Endpoint);
        request.Content = new ByteArrayContent(body);
        // Verbatim, so the header on the wire is byte for byte the one that was signed.
        request.Content.Headers.TryAddWithoutValidation("Content-Type", FormContentType);
        foreach (var (name, value) in signature.HeadersToAdd)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_settings.Timeout);
        string responseText;
        int status;
        try
        {
            using var response = await _httpClient.SendAsync(request, timeout.Token).ConfigureAwait(false);
            status = (int)response.StatusCode;
            responseText = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(string.Create(
                CultureInfo.InvariantCulture,
                $"Amazon SNS did not answer {action} at {_settings.Endpoint} within {_settings.Timeout.TotalSeconds:0.###} s."));
        }

        if (status is < 200 or > 299)
        {
            throw ParseError(action, status, responseText);
        }

        var document = ParseXml(responseText)
            ?? throw new SnsException(status, "MalformedResponse", $"The {action} answer is not XML.", action);
        return document.Root!.Elements().FirstOrDefault(element => element.Name.LocalName == action + "Result")
            ?? document.Root!;
    }

    private static SnsException ParseError(string action, int status, string responseText)
    {
        var error = ParseXml(responseText)?.Descendants().FirstOrDefault(element => element.Name.LocalName == "Error");
        var code = error is null ? null : ChildValue(error, "Code");
        if (code is null)
        {
            // Not an AWS error document (a proxy page, an HTML error): keep the start of it for the operator.
            var excerpt = responseText.Length > 200 ? responseText[..200] + "…" : responseText;
            return new SnsException(status, $"Http{status}", excerpt.Trim(), action);
        }

        return new SnsException(status, code, ChildValue(error!, "Message") ?? string.Empty, action);
    }

    private static XDocument? ParseXml(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            // No DTDs: the answer comes over the network.
            using var reader = XmlReader.Create(new StringReader(text), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
            return XDocument.Load(reader);
        }
        catch (XmlException)
        {
            return null;
        }
    }

    private static string RequiredElement(XElement result, string name, string action) =>
        result.Descendants().FirstOrDefault(element => element.Name.LocalName == name)?.Value.Trim()
        ?? throw new SnsException(200, "MalformedResponse", $"The {action} answer has no <{name}>.", action);

    private static string? ChildValue(XElement parent, string localName) =>
        parent.Elements().FirstOrDefault(element => element.Name.LocalName == localName)?.Value;

    // SNS's message for a token that already has an endpoint with other attributes:
    // "Invalid parameter: Token Reason: Endpoint arn:aws:sns:… already exists with the same Token, but different attributes."
    [GeneratedRegex(@"Endpoint (?<arn>arn:aws[a-z-]*:sns:\S+) already exists with the same [Tt]oken")]
    private static partial Regex ExistingEndpointPattern();
}
