using System.Data.Common;
using JourneyStudio.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyStudio.Web.Tests.BadInput;

/// <summary>
/// A failing service for the exception-boundary tests: while <see cref="IsDown"/>, every database connection the
/// studio opens throws, as when the disk is gone. The message is a secret the answers must not show.
/// </summary>
public sealed class DatabaseOutage : DbConnectionInterceptor
{
    public const string SecretDetail = "outage-secret-detail /var/lib/journeystudio";

    private volatile bool _down;

    public bool IsDown => _down;

    // As an IInterceptor service: the data services add those to both kinds of contexts (admin data and sign-ons).
    public void Register(IServiceCollection services) => services.AddSingleton<IInterceptor>(this);

    /// <summary>Takes the database down until the returned handle is disposed.</summary>
    public IDisposable Begin()
    {
        _down = true;
        return new Restore(this);
    }

    public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
        _down ? throw new InvalidOperationException(SecretDetail) : result;

    public override ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData,
        InterceptionResult result, CancellationToken cancellationToken = default) =>
        _down ? throw new InvalidOperationException(SecretDetail) : ValueTask.FromResult(result);

    private sealed class Restore(DatabaseOutage outage) : IDisposable
    {
        public void Dispose() => outage._down = false;
    }
}
