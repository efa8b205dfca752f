using System.Security.Cryptography;
using JourneyStudio.Runtime.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace JourneyStudio.Web.Operations;

// The descriptions below are what /health/ready shows to anyone: fixed sentences, never an exception's message
// (which may name hosts, paths or users). The exception itself goes to the server log with the check's result.

/// <summary>The database answers a real read (its migrations history), whatever the EF provider.</summary>
public sealed class DatabaseReadinessCheck(IDbContextFactory<JourneyStudioDbContext> contextFactory) : IHealthCheck
{
    public const string Name = "database";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            if (!await db.Database.CanConnectAsync(cancellationToken))
                // SQLite answers "cannot connect" for a file that is no database at all, so one wording covers both.
                return HealthCheckResult.Unhealthy("The database cannot be reached or read.");
            // CanConnect alone may only look for the file (SQLite); reading a table proves the database is usable.
            await db.Database.GetAppliedMigrationsAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The database cannot be reached or read.", e);
        }
    }
}

/// <summary>Every migration this build knows is applied: an instance must not serve on a schema older than its code.</summary>
public sealed class MigrationsReadinessCheck(IDbContextFactory<JourneyStudioDbContext> contextFactory) : IHealthCheck
{
    public const string Name = "migrations";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
            return pending == 0
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy(pending == 1 ? "1 database migration is not applied." : $"{pending} database migrations are not applied.");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The applied migrations cannot be read from the database.", e);
        }
    }
}

/// <summary>
/// The Data Protection key ring works: a random probe value survives protect and unprotect. authIds, cookies and
/// stored MFA secrets all depend on it, so an instance that cannot do this cannot serve a single sign-on.
/// </summary>
public sealed class KeyRingReadinessCheck(IDataProtectionProvider dataProtection) : IHealthCheck
{
    public const string Name = "keyRing";

    private const string Purpose = "JourneyStudio.ReadinessProbe";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var protector = dataProtection.CreateProtector(Purpose);
            var probe = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            return Task.FromResult(protector.Unprotect(protector.Protect(probe)) == probe
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The key ring gave back a different probe value."));
        }
        catch (Exception e)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The key ring cannot protect and unprotect a probe value.", e));
        }
    }
}
