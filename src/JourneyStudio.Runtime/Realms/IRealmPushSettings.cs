using JourneyStudio.Runtime.Push.Sns;

namespace JourneyStudio.Runtime.Realms;

/// <summary>What a push transport needs per realm: the effective transport and, for SNS, its settings.</summary>
public interface IRealmPushSettings
{
    /// <summary>The realm's transport now and, when it is SNS, the SNS settings to use (read together, once per push).</summary>
    Task<RealmPushRoute> GetPushRouteAsync(string realm, CancellationToken cancellationToken = default);
}

/// <param name="Transport"><see cref="PushTransportNames.Embedded"/> or <see cref="PushTransportNames.Sns"/>.</param>
/// <param name="Sns">
/// For SNS only: the realm's saved settings over the configured ones. Values neither saved nor configured stay null,
/// so <see cref="SnsSettingsResolver"/> still falls back to the <c>AWS_*</c> environment variables.
/// </param>
public sealed record RealmPushRoute(string Transport, SnsOptions? Sns);
