namespace JourneyStudio.Runtime.Push.Sns;

/// <summary>Static AWS credentials; <see cref="SessionToken"/> is set for temporary (STS) credentials.</summary>
public sealed record AwsCredentials(string AccessKeyId, string SecretAccessKey, string? SessionToken = null)
{
    // Records print every property; keep the secret and the token out of logs and exception messages.
    public override string ToString() =>
        $"AwsCredentials {{ AccessKeyId = {AccessKeyId}, SessionToken = {(SessionToken is null ? "none" : "set")} }}";
}
