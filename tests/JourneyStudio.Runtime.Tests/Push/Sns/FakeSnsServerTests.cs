using System.Net;
using System.Text;
using JourneyStudio.Runtime.Push.Sns;

namespace JourneyStudio.Runtime.Tests.Push.Sns;

/// <summary>The fake must really check signatures, or every "rejected" test above it proves nothing.</summary>
public sealed class FakeSnsServerTests : IAsyncLifetime
{
    private readonly HttpClient _http = new();
    private FakeSnsServer _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeSnsServer.StartAsync();

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _fake.DisposeAsync();
    }

    [Fact]
    public async Task UnsignedRequest_IsRejectedWithMissingAuthenticationToken()
    {
        using var response = await _http.PostAsync(_fake.ServiceUrl, Form("Action=DeleteEndpoint&Version=2010-03-31&EndpointArn=x"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("<Code>MissingAuthenticationToken</Code>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task BodyChangedAfterSigning_IsRejectedWithSignatureDoesNotMatch()
    {
        var signedBody = "Action=DeleteEndpoint&Version=2010-03-31&EndpointArn=arn%3Aone";
        using var request = SignedRequest(signedBody, FakeSnsServer.Region);
        request.Content = Form("Action=DeleteEndpoint&Version=2010-03-31&EndpointArn=arn%3Atwo");

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("<Code>SignatureDoesNotMatch</Code>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SignedForAnotherRegion_IsRejected()
    {
        const string body = "Action=DeleteEndpoint&Version=2010-03-31&EndpointArn=arn%3Aone";
        using var request = SignedRequest(body, "eu-west-1");

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("<Code>SignatureDoesNotMatch</Code>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ProperlySignedRequest_IsAccepted()
    {
        const string body = "Action=DeleteEndpoint&Version=2010-03-31&EndpointArn=arn%3Aone";
        using var request = SignedRequest(body, FakeSnsServer.Region);

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<DeleteEndpointResponse", await response.Content.ReadAsStringAsync());
    }

    private HttpRequestMessage SignedRequest(string body, string region)
    {
        var signature = AwsSigV4Signer.Sign(
            "POST",
            _fake.ServiceUrl,
            [new("content-type", SnsClient.FormContentType)],
            Encoding.UTF8.GetBytes(body),
            region,
            "sns",
            new AwsCredentials(FakeSnsServer.AccessKeyId, FakeSnsServer.SecretAccessKey),
            DateTimeOffset.UtcNow);
        var request = new HttpRequestMessage(HttpMethod.Post, _fake.ServiceUrl) { Content = Form(body) };
        foreach (var (name, value) in signature.HeadersToAdd)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    private static ByteArrayContent Form(string body)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", SnsClient.FormContentType);
        return content;
    }
}
