using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using JourneyStudio.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace JourneyStudio.Runtime.BruteForce;

/// <summary>What a reservation found: the failures counted so far (this one included), the lockouts so far, a lock in force.</summary>
public sealed record IdentityReservation(int ConsecutiveFailures, int Lockouts, DateTimeOffset? LockedUntil);

/// <summary>The address window's failures so far (this one included) and when the window started.</summary>
public sealed record AddressReservation(int Failures, DateTimeOffset WindowStartedAt);

/// <summary>
/// The brute-force counters in the database. Every change is one SQL statement (insert-or-increment, compare-and-set),
/// so concurrent checks, also from several hosts on one database, never lose or double a count the way a read
/// followed by a write would.
/// </summary>
/// <remarks>
/// The statements are written once for SQLite and PostgreSQL (<c>INSERT ... ON CONFLICT ... RETURNING</c> and <c>CASE</c>
/// read the same on both; in <c>DO UPDATE</c> the stored row's columns are qualified with the table's name, which
/// PostgreSQL requires); times are compared as the fixed-width UTC text both store.
/// </remarks>
public sealed class CredentialFailureStore(IDbContextFactory<JourneyStudioDbContext> contextFactory)
{
    /// <summary>Usernames longer than any identity or admin may have are stored as a hash, so junk cannot fill the disk.</summary>
    public const int MaxKeyLength = 200;

    /// <summary>
    /// The row key of <paramref name="username"/>: itself (compared NOCASE like identity usernames), or for an over-long
    /// one a hash of its lower-case form, which no real username can collide with.
    /// </summary>
    public static string Key(string username) =>
        username.Length <= MaxKeyLength
            ? username
            : "#sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(username.ToLowerInvariant())));

    /// <summary>
    /// Counts a check about to run as a failure until it is proven right, unless the identity is locked (then nothing
    /// changes). Failures older than <paramref name="resetBefore"/> are forgotten first, with the earlier lockouts.
    /// </summary>
    public async Task<IdentityReservation> ReserveIdentityAsync(CredentialAudience audience, string username, DateTimeOffset now,
        DateTimeOffset resetBefore, CancellationToken cancellationToken)
    {
        var (audienceText, key, nowText) = (audience.ToString(), Key(username), Text(now));
        FormattableString sql = $"""
            INSERT INTO "CredentialFailures" ("Audience", "Username", "ConsecutiveFailures", "Lockouts", "LastFailureAt", "LockedUntil")
            VALUES ({audienceText}, {key}, 1, 0, {nowText}, NULL)
            ON CONFLICT ("Audience", "Username") DO UPDATE SET
                "ConsecutiveFailures" = CASE WHEN "CredentialFailures"."LockedUntil" > {nowText} THEN "CredentialFailures"."ConsecutiveFailures"
                                             WHEN "CredentialFailures"."LastFailureAt" <= {Text(resetBefore)} THEN 1
                                             ELSE "CredentialFailures"."ConsecutiveFailures" + 1 END,
                "Lockouts" = CASE WHEN "CredentialFailures"."LockedUntil" > {nowText} THEN "CredentialFailures"."Lockouts"
                                  WHEN "CredentialFailures"."LastFailureAt" <= {Text(resetBefore)} THEN 0
                                  ELSE "CredentialFailures"."Lockouts" END,
                "LastFailureAt" = CASE WHEN "CredentialFailures"."LockedUntil" > {nowText} THEN "CredentialFailures"."LastFailureAt" ELSE {nowText} END
            RETURNING "ConsecutiveFailures", "Lockouts", "LockedUntil"
            """;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Database.SqlQuery<IdentityRow>(sql)
            .ToListAsync(cancellationToken);
        var row = rows.Single();
        var lockedUntil = ParseOrNull(row.LockedUntil);
        return new IdentityReservation(row.ConsecutiveFailures, row.Lockouts, lockedUntil > now ? lockedUntil : null);
    }

    /// <summary>
    /// Takes back a reservation (the check succeeded or did not run). Only within the same lockout generation and while
    /// unlocked, so a late release cannot eat into the count of a later round.
    /// </summary>
    public async Task ReleaseIdentityAsync(CredentialAudience audience, string username, int lockouts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (audienceText, key, nowText) = (audience.ToString(), Key(username), Text(now));
        FormattableString sql = $"""
            UPDATE "CredentialFailures" SET "ConsecutiveFailures" = CASE WHEN "ConsecutiveFailures" > 0 THEN "ConsecutiveFailures" - 1 ELSE 0 END
            WHERE "Audience" = {audienceText} AND "Username" = {key} AND "Lockouts" = {lockouts}
              AND ("LockedUntil" IS NULL OR "LockedUntil" <= {nowText})
            """;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync(sql, cancellationToken);
    }

    /// <summary>
    /// Locks the identity until <paramref name="until"/> when it has <paramref name="maxFailures"/> failures in the
    /// lockout generation <paramref name="lockouts"/>. Of several concurrent callers exactly one succeeds.
    /// </summary>
    public async Task<bool> TryLockAsync(CredentialAudience audience, string username, int lockouts, int maxFailures, DateTimeOffset until,
        CancellationToken cancellationToken)
    {
        var (audienceText, key) = (audience.ToString(), Key(username));
        FormattableString sql = $"""
            UPDATE "CredentialFailures" SET "ConsecutiveFailures" = 0, "Lockouts" = "Lockouts" + 1, "LockedUntil" = {Text(until)}
            WHERE "Audience" = {audienceText} AND "Username" = {key} AND "Lockouts" = {lockouts} AND "ConsecutiveFailures" >= {maxFailures}
            """;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Database.ExecuteSqlAsync(sql, cancellationToken) == 1;
    }

    /// <summary>Counts a check from <paramref name="address"/> as a failure until proven right; a window older than <paramref name="windowStartsAfter"/> starts anew.</summary>
    public async Task<AddressReservation> ReserveAddressAsync(string address, DateTimeOffset now, DateTimeOffset windowStartsAfter,
        CancellationToken cancellationToken)
    {
        var nowText = Text(now);
        FormattableString sql = $"""
            INSERT INTO "AddressFailures" ("Address", "WindowStartedAt", "Failures") VALUES ({address}, {nowText}, 1)
            ON CONFLICT ("Address") DO UPDATE SET
                "Failures" = CASE WHEN "AddressFailures"."WindowStartedAt" <= {Text(windowStartsAfter)} THEN 1 ELSE "AddressFailures"."Failures" + 1 END,
                "WindowStartedAt" = CASE WHEN "AddressFailures"."WindowStartedAt" <= {Text(windowStartsAfter)} THEN {nowText} ELSE "AddressFailures"."WindowStartedAt" END
            RETURNING "Failures", "WindowStartedAt"
            """;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Database.SqlQuery<AddressRow>(sql)
            .ToListAsync(cancellationToken);
        var row = rows.Single();
        return new AddressReservation(row.Failures, Parse(row.WindowStartedAt));
    }

    /// <summary>Takes back an address reservation, within the window it was made in.</summary>
    public async Task ReleaseAddressAsync(string address, DateTimeOffset windowStartedAt, CancellationToken cancellationToken)
    {
        FormattableString sql = $"""
            UPDATE "AddressFailures" SET "Failures" = CASE WHEN "Failures" > 0 THEN "Failures" - 1 ELSE 0 END
            WHERE "Address" = {address} AND "WindowStartedAt" = {Text(windowStartedAt)}
            """;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync(sql, cancellationToken);
    }

    /// <summary>A successful sign-on: forgets the identity's failures and lockouts, unless a lockout is in force.</summary>
    public async Task ResetAsync(CredentialAudience audience, string username, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (audienceText, key, nowText) = (audience.ToString(), Key(username), Text(now));
        FormattableString sql = $"""
            DELETE FROM "CredentialFailures"
            WHERE "Audience" = {audienceText} AND "Username" = {key} AND ("LockedUntil" IS NULL OR "LockedUntil" <= {nowText})
            """;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync(sql, cancellationToken);
    }

    /// <summary>An admin's unlock: forgets failures and lockouts. Returns the lock that was in force, if any.</summary>
    public async Task<DateTimeOffset?> UnlockAsync(CredentialAudience audience, string username, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (audienceText, key) = (audience.ToString(), Key(username));
        FormattableString sql = $"""
            DELETE FROM "CredentialFailures" WHERE "Audience" = {audienceText} AND "Username" = {key}
            RETURNING "LockedUntil"
            """;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Database.SqlQuery<LockedUntilRow>(sql)
            .ToListAsync(cancellationToken);
        return rows.Select(r => ParseOrNull(r.LockedUntil)).FirstOrDefault(until => until > now);
    }

    /// <summary>The record of <paramref name="username"/>, or null when nothing is counted.</summary>
    public async Task<CredentialFailureRecord?> GetAsync(CredentialAudience audience, string username, CancellationToken cancellationToken = default)
    {
        var key = Key(username);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<CredentialFailureRecord>().AsNoTracking()
            .SingleOrDefaultAsync(f => f.Audience == audience && f.Username == key, cancellationToken);
    }

    /// <summary>Until when each of <paramref name="usernames"/> that is locked now is locked (keys compared case-insensitively).</summary>
    public async Task<IReadOnlyDictionary<string, DateTimeOffset>> LockedUntilAsync(CredentialAudience audience, IReadOnlyCollection<string> usernames,
        DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var result = new Dictionary<string, DateTimeOffset>(StringComparer.OrdinalIgnoreCase);
        if (usernames.Count == 0) return result;
        var keys = usernames.Select(Key).Distinct().ToList();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        // Few rows are locked at any time; the comparison with now is done here because the column is text.
        var locked = await db.Set<CredentialFailureRecord>().AsNoTracking()
            .Where(f => f.Audience == audience && f.LockedUntil != null && keys.Contains(f.Username))
            .Select(f => new { f.Username, f.LockedUntil })
            .ToListAsync(cancellationToken);
        foreach (var row in locked)
            if (row.LockedUntil > now)
                foreach (var username in usernames.Where(u => string.Equals(Key(u), row.Username, StringComparison.OrdinalIgnoreCase)))
                    result[username] = row.LockedUntil.Value;
        return result;
    }

    /// <summary>Deletes what <paramref name="options"/> no longer needs: idle unlocked identity counters and ended address windows.</summary>
    public Task<int> PurgeExpiredAsync(BruteForceOptions options, DateTimeOffset now, CancellationToken cancellationToken) =>
        PurgeAsync(now, now - options.FailureResetTime, now - options.AddressWindow, cancellationToken);

    /// <summary>Deletes identity counters idle since <paramref name="resetBefore"/> and not locked, and address windows that are over.</summary>
    public async Task<int> PurgeAsync(DateTimeOffset now, DateTimeOffset resetBefore, DateTimeOffset windowStartsAfter, CancellationToken cancellationToken)
    {
        var nowText = Text(now);
        FormattableString identities = $"""
            DELETE FROM "CredentialFailures" WHERE "LastFailureAt" <= {Text(resetBefore)} AND ("LockedUntil" IS NULL OR "LockedUntil" <= {nowText})
            """;
        FormattableString addresses = $"""DELETE FROM "AddressFailures" WHERE "WindowStartedAt" <= {Text(windowStartsAfter)}""";
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var purged = await db.Database.ExecuteSqlAsync(identities, cancellationToken);
        purged += await db.Database.ExecuteSqlAsync(addresses, cancellationToken);
        return purged;
    }

    // The same fixed-width UTC text the model's DateTimeOffset columns hold, so comparisons in SQL are time order.
    private static string Text(DateTimeOffset time) => time.UtcDateTime.ToString(UtcSortableDateTimeOffsetConverter.Format, CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string text) => new(DateTime.ParseExact(text, UtcSortableDateTimeOffsetConverter.Format,
        CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), TimeSpan.Zero);

    private static DateTimeOffset? ParseOrNull(string? text) => text is null ? null : Parse(text);

    private sealed class IdentityRow
    {
        public int ConsecutiveFailures { get; init; }
        public int Lockouts { get; init; }
        public string? LockedUntil { get; init; }
    }

    private sealed class AddressRow
    {
        public int Failures { get; init; }
        public string WindowStartedAt { get; init; } = "";
    }

    private sealed class LockedUntilRow
    {
        public string? LockedUntil { get; init; }
    }
}
