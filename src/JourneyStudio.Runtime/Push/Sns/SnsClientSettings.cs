namespace JourneyStudio.Runtime.Push.Sns;

/// <summary>Everything <see cref="SnsClient"/> needs for one account and region, already resolved and checked.</summary>
public sealed record SnsClientSettings
{
    /// <summary>The default per-request time limit.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Where requests go: <c>https://sns.{region}.amazonaws.com/</c> or an override such as a local endpoint.</summary>
    public required Uri Endpoint { get; init; }

    /// <summary>The signing region.</summary>
    public required string Region { get; init; }

    public required AwsCredentials Credentials { get; init; }

    /// <summary>Time limit for one HTTP exchange with SNS.</summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// <summary>The public SNS endpoint of a region.</summary>
    public static Uri DefaultEndpointFor(string region) => new($"https://sns.{region}.amazonaws.com/");
}
