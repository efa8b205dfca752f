using JourneyStudio.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JourneyStudio.Runtime.Realms;

/// <summary>
/// A realm's saved overrides of the Push Notification service and the ForgeRock Authenticator (Push) service
/// (AM: two realm services). Every setting is nullable: null means "use the configuration default", so an
/// operator's configuration still reaches the fields an admin never changed.
/// </summary>
public sealed class RealmServiceSettings
{
    public int Id { get; init; }

    /// <summary>One of <see cref="RealmNames.All"/>; one row per realm.</summary>
    public required string Realm { get; init; }

    // Push Notification Service (AM: accessKey, secret, region, appleEndpoint, googleEndpoint)

    /// <summary><see cref="PushTransportNames.Embedded"/> or <see cref="PushTransportNames.Sns"/>.</summary>
    public string? Transport { get; set; }

    public string? Region { get; set; }

    public string? AccessKeyId { get; set; }

    /// <summary>The SNS secret access key, protected with Data Protection; never stored in clear.</summary>
    public string? ProtectedSecretAccessKey { get; set; }

    /// <summary>AM "SNS Endpoint for APNS": the platform application ARN for iOS devices.</summary>
    public string? ApnsEndpoint { get; set; }

    /// <summary>AM "SNS Endpoint for GCM": the platform application ARN for Android devices.</summary>
    public string? GcmEndpoint { get; set; }

    /// <summary>Endpoint override (e.g. a local SNS-compatible service).</summary>
    public string? ServiceUrl { get; set; }

    // ForgeRock Authenticator (Push) Service

    /// <summary>AM "Device Profile Encryption Scheme": on = encrypt the stored device profiles.</summary>
    public bool? DeviceProfileEncryption { get; set; }

    /// <summary>AM "ForgeRock Authenticator (Push) Device Skippable Attribute Name".</summary>
    public string? SkippableAttributeName { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string UpdatedBy { get; set; } = "";
}

internal sealed class RealmServiceSettingsConfiguration : IEntityTypeConfiguration<RealmServiceSettings>
{
    public void Configure(EntityTypeBuilder<RealmServiceSettings> settings)
    {
        settings.ToTable("RealmServiceSettings");
        settings.Property(s => s.Realm).HasMaxLength(50);
        settings.HasIndex(s => s.Realm).IsUnique();
        settings.Property(s => s.Transport).HasMaxLength(20);
        settings.Property(s => s.Region).HasMaxLength(50);
        settings.Property(s => s.AccessKeyId).HasMaxLength(128);
        settings.Property(s => s.ApnsEndpoint).HasMaxLength(RealmServiceValidator.MaxArnLength);
        settings.Property(s => s.GcmEndpoint).HasMaxLength(RealmServiceValidator.MaxArnLength);
        settings.Property(s => s.ServiceUrl).HasMaxLength(500);
        settings.Property(s => s.SkippableAttributeName).HasMaxLength(RealmServiceValidator.MaxAttributeNameLength);
        settings.Property(s => s.UpdatedBy).HasMaxLength(200);
    }
}
