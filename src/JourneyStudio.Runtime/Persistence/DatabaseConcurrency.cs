using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace JourneyStudio.Runtime.Persistence;

/// <summary>
/// What the stores need from either database to stay correct when writers race: transactions in which a check and the
/// write that depends on it cannot interleave with another writer, and recognising a unique-index violation.
/// </summary>
public static class DatabaseConcurrency
{
    /// <summary>
    /// Begins a transaction in which a read-then-write (is the name free? is there an admin yet?) cannot interleave with
    /// another such transaction of the same <paramref name="scope"/>, in this process or another on the same database.
    /// SQLite begins every transaction IMMEDIATE, taking the one write lock; PostgreSQL reads committed data, so two
    /// writers could both pass the check: there a transaction-scoped advisory lock named after the scope serialises them.
    /// </summary>
    public static async Task<IDbContextTransaction> BeginSerializedTransactionAsync(this JourneyStudioDbContext db, string scope,
        CancellationToken cancellationToken = default)
    {
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.Provider == DatabaseProvider.Postgres)
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockKey(scope)})", cancellationToken);
        return transaction;
    }

    /// <summary>A stable 64-bit advisory lock key for <paramref name="name"/>, the same in every instance.</summary>
    public static long AdvisoryLockKey(string name) =>
        BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes("JourneyStudio:" + name)));

    /// <summary>The write broke a unique index (SQLite's SQLITE_CONSTRAINT_UNIQUE or _PRIMARYKEY, PostgreSQL's 23505).</summary>
    public static bool IsUniqueViolation(this DbUpdateException exception) => exception.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    private const int SqliteConstraintUnique = 2067;

    private const int SqliteConstraintPrimaryKey = 1555;
}
