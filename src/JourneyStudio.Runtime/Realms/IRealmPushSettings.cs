using JourneyStudio.Runtime.Push.Sns;

namespace JourneyStudio.Runtime.Realms;

/// <summary>What a push transport needs per realm: the effective transport and SNS settings.</summary>
public interface IRealmPushSettings
{
    /// <summary><see cref="PushTransportNames.Embedded"/> or <see cref="PushTransportNames.Sns"/>.</summary>
    Task<string> GetTransportAsync(string realm, CancellationToken cancellationToken = default);

    /// <summary>
    /// The realm's saved SNS settings over the configured ones. Values neither saved nor configured stay null,
    /// so <see cref="SnsSettingsResolver"/> still falls back to the <c>AWS_*</c> environment variables.
    /// </summary>
    Task<SnsOptions> GetSnsOptionsAsync(string realm, CancellationToken cancellationToken = default);
}
