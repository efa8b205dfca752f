using System.Security.Cryptography;
using JourneyStudio.Runtime.Identities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace JourneyStudio.Runtime.Persistence;

/// <summary>Studio administrators: creation, the first admin at first start, and password checks.</summary>
public sealed class AdminAccountStore(
    IDbContextFactory<JourneyStudioDbContext> contextFactory,
    IOptions<JourneyStudioDataOptions> options,
    BoundedPasswordHasher hasher,
    TimeProvider timeProvider)
{
    public const int MaxUsernameLength = 100;

    private const string AdminsScope = "admins";

    public const int MinPasswordLength = 8;

    public const int GeneratedPasswordLength = 24;

    // No look-alikes (0/O, 1/l/I): the generated password is read off a console and typed in.
    // 57 symbols x 24 characters is about 140 bits.
    private const string GeneratedPasswordAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    public async Task<bool> AnyAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.AdminAccounts.AnyAsync(cancellationToken);
    }

    /// <summary>Creates an admin; the password is stored only as a PasswordHasher hash.</summary>
    public async Task<AdminCreateResult> CreateAsync(string username, string password, CancellationToken cancellationToken = default)
    {
        if (ValidateUsername(username) is { } usernameProblem) return new AdminCreateResult.Invalid(usernameProblem);
        if (ValidatePassword(password) is { } passwordProblem) return new AdminCreateResult.Invalid(passwordProblem);

        // Hashed before the write lock is taken, so the slow hash never holds up other writers.
        var passwordHash = await hasher.HashAsync(password, cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.BeginSerializedTransactionAsync(AdminsScope, cancellationToken);
        var existing = await db.AdminAccounts.Where(a => a.Username == username).Select(a => a.Username).FirstOrDefaultAsync(cancellationToken);
        if (existing is not null) return new AdminCreateResult.UsernameTaken(existing);
        var account = NewAccount(username, passwordHash);
        db.AdminAccounts.Add(account);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new AdminCreateResult.Created(Summarize(account));
    }

    /// <summary>
    /// When no admin exists, creates one: <paramref name="username"/>, else <c>JourneyStudio:Admin:Username</c>,
    /// else "admin"; <paramref name="password"/>, else <c>JourneyStudio:Admin:Password</c>, else a generated
    /// one that the result carries so the host can print it once (it is stored only hashed and cannot be
    /// shown again). Does nothing when any admin exists.
    /// </summary>
    /// <exception cref="InvalidOperationException">The configured username or password breaks the rules; the host cannot start safely.</exception>
    public async Task<FirstAdminResult> EnsureFirstAdminAsync(string? username = null, string? password = null,
        CancellationToken cancellationToken = default)
    {
        var configured = options.Value.Admin;
        username = FirstNonEmpty(username, configured.Username) ?? FirstAdminOptions.DefaultUsername;
        password = FirstNonEmpty(password, configured.Password);
        var generated = password is null;
        password ??= RandomNumberGenerator.GetString(GeneratedPasswordAlphabet, GeneratedPasswordLength);

        if (ValidateUsername(username) is { } usernameProblem)
            throw new InvalidOperationException($"JourneyStudio:Admin:Username: {usernameProblem}");
        if (ValidatePassword(password) is { } passwordProblem)
            throw new InvalidOperationException($"JourneyStudio:Admin:Password: {passwordProblem}");

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        // Check and insert under one lock: two hosts starting on one database create one admin.
        await using var transaction = await db.BeginSerializedTransactionAsync(AdminsScope, cancellationToken);
        if (await db.AdminAccounts.AnyAsync(cancellationToken)) return new FirstAdminResult.AlreadyPresent();
        db.AdminAccounts.Add(NewAccount(username, await hasher.HashAsync(password, cancellationToken)));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new FirstAdminResult.Created(username, generated ? password : null);
    }

    /// <summary>The admin when <paramref name="password"/> is theirs; null for an unknown username or a wrong password.</summary>
    public async Task<AdminSummary?> VerifyAsync(string username, string password, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(username) || string.IsNullOrEmpty(password)) return null;

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var account = await db.AdminAccounts.SingleOrDefaultAsync(a => a.Username == username, cancellationToken);
        // An unknown username costs the same hash as a known one, so response times do not reveal admin usernames.
        switch (await hasher.CheckAsync(account?.PasswordHash, password, cancellationToken))
        {
            case PasswordVerificationResult.Success:
                return Summarize(account!);
            case PasswordVerificationResult.SuccessRehashNeeded:
                // The hash predates the current hasher settings; upgrade it while the password is at hand.
                account!.PasswordHash = await hasher.HashAsync(password, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                return Summarize(account);
            default:
                return null;
        }
    }

    /// <summary>Null when valid, else what is wrong with the username.</summary>
    public static string? ValidateUsername(string? username)
    {
        if (string.IsNullOrWhiteSpace(username)) return "An admin username is required.";
        if (username.Length > MaxUsernameLength)
            return $"An admin username can have at most {MaxUsernameLength} characters; this one has {username.Length}.";
        if (char.IsWhiteSpace(username[0]) || char.IsWhiteSpace(username[^1]))
            return "An admin username cannot start or end with a space.";
        if (username.Any(char.IsControl)) return "An admin username cannot contain control characters.";
        // HTTP Basic (the admin API) splits "user:password" at the first colon.
        if (username.Contains(':')) return "An admin username cannot contain ':'.";
        return null;
    }

    /// <summary>Null when valid, else what is wrong with the password.</summary>
    public static string? ValidatePassword(string? password) =>
        password is null || password.Length < MinPasswordLength
            ? $"An admin password needs at least {MinPasswordLength} characters."
            : null;

    private AdminAccount NewAccount(string username, string passwordHash) => new()
    {
        Username = username,
        PasswordHash = passwordHash,
        CreatedAt = timeProvider.GetUtcNow(),
    };

    private static AdminSummary Summarize(AdminAccount account) => new(account.Id, account.Username, account.CreatedAt);

    private static string? FirstNonEmpty(string? first, string? second) =>
        !string.IsNullOrEmpty(first) ? first : !string.IsNullOrEmpty(second) ? second : null;
}

/// <summary>An admin as other parts of the studio see it (never the hash).</summary>
public sealed record AdminSummary(int Id, string Username, DateTimeOffset CreatedAt);

public abstract record AdminCreateResult
{
    private AdminCreateResult() { }

    public sealed record Created(AdminSummary Admin) : AdminCreateResult;

    /// <summary>An admin with that username exists, possibly in another letter case.</summary>
    public sealed record UsernameTaken(string ExistingUsername) : AdminCreateResult;

    public sealed record Invalid(string Message) : AdminCreateResult;
}

public abstract record FirstAdminResult
{
    private FirstAdminResult() { }

    /// <summary>An admin existed already; nothing was created.</summary>
    public sealed record AlreadyPresent : FirstAdminResult;

    /// <summary>
    /// The first admin was created. <paramref name="GeneratedPassword"/> is set only when the password
    /// was generated: print it once; it is not stored and cannot be recovered.
    /// </summary>
    public sealed record Created(string Username, string? GeneratedPassword) : FirstAdminResult
    {
        // Records print their members; keep the password out of logs that format the result.
        public override string ToString() =>
            $"FirstAdminResult.Created {{ Username = {Username}, GeneratedPassword = {(GeneratedPassword is null ? "null" : "***")} }}";
    }
}
