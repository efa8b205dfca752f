using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JourneyStudio.Runtime.BruteForce;

/// <summary>Failed credential checks from one client address in the current fixed window, over all usernames and audiences.</summary>
public sealed class AddressFailureRecord
{
    public int Id { get; init; }

    /// <summary>The client's IP address as text (IPv4 or IPv6).</summary>
    public required string Address { get; init; }

    public DateTimeOffset WindowStartedAt { get; set; }

    public int Failures { get; set; }
}

internal sealed class AddressFailureRecordConfiguration : IEntityTypeConfiguration<AddressFailureRecord>
{
    public void Configure(EntityTypeBuilder<AddressFailureRecord> failure)
    {
        failure.ToTable("AddressFailures");
        failure.Property(f => f.Address).HasMaxLength(64);
        failure.HasIndex(f => f.Address).IsUnique();
        failure.HasIndex(f => f.WindowStartedAt);
    }
}
