using System.Net;
using JourneyStudio.Runtime.Push.Sns;

namespace JourneyStudio.Runtime.Tests.Push.Sns;

/// <summary>A clock pinned to one instant, for signing "in the past".</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

/// <summary>Answers every request with one canned response (for answers the fake never gives).</summary>
internal sealed class CannedResponseHandler(HttpStatusCode status, string body, string contentType) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, System.Text.Encoding.UTF8, contentType) });
}

internal static class SnsTestSupport
{
    /// <summary>An environment with no AWS variables, so the developer's own never leak into a test.</summary>
    public static readonly Func<string, string?> NoEnvironment = _ => null;

    public static Func<string, string?> Environment(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(variable => variable.Name, variable => variable.Value, StringComparer.Ordinal);
        return name => map.GetValueOrDefault(name);
    }

    public static SnsOptions OptionsFor(FakeSnsServer fake) => new()
    {
        Region = FakeSnsServer.Region,
        AccessKeyId = FakeSnsServer.AccessKeyId,
        SecretAccessKey = FakeSnsServer.SecretAccessKey,
        ServiceUrl = fake.ServiceUrl.ToString(),
        GcmPlatformApplicationArn = FakeSnsServer.GcmApplicationArn,
        ApnsPlatformApplicationArn = FakeSnsServer.ApnsApplicationArn,
    };

    public static SnsClient ClientFor(
        FakeSnsServer fake,
        HttpClient http,
        AwsCredentials? credentials = null,
        TimeProvider? time = null,
        TimeSpan? timeout = null) =>
        new(
            http,
            new SnsClientSettings
            {
                Endpoint = fake.ServiceUrl,
                Region = FakeSnsServer.Region,
                Credentials = credentials ?? new AwsCredentials(FakeSnsServer.AccessKeyId, FakeSnsServer.SecretAccessKey),
                Timeout = timeout ?? SnsClientSettings.DefaultTimeout,
            },
            time);
}
