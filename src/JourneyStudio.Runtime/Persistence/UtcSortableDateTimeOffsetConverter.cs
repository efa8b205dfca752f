using System.Globalization;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace JourneyStudio.Runtime.Persistence;

/// <summary>
/// Stores a <see cref="DateTimeOffset"/> as fixed-width UTC text (<c>2025-01-31T12:00:00.0000000Z</c>).
/// SQLite has no date type; EF's default text keeps the local offset, so text order would not be
/// time order and EF refuses to sort by it. Fixed-width UTC text sorts and compares correctly,
/// keeps full tick precision and stays readable in any SQLite tool.
/// </summary>
public sealed class UtcSortableDateTimeOffsetConverter() : ValueConverter<DateTimeOffset, string>(
    value => value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture),
    text => new DateTimeOffset(DateTime.ParseExact(text, Format, CultureInfo.InvariantCulture,
        DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), TimeSpan.Zero))
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";
}
