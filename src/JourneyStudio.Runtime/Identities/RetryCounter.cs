namespace JourneyStudio.Runtime.Identities;

/// <summary>
/// Retry Limit Decision's count kept on the user (AM: attribute <c>retryLimitNodeCount</c>), so that
/// starting a new session does not reset it.
/// </summary>
public sealed class RetryCounter
{
    public int Id { get; init; }

    public required string Realm { get; init; }

    public required string Username { get; init; }

    public required string NodeId { get; init; }

    public int Count { get; set; }
}
