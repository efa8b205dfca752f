using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace JourneyStudio.Runtime.Persistence;

/// <summary>How long a commit waits before it counts as done.</summary>
public enum WriteDurability
{
    /// <summary>
    /// Each commit waits until it is on the disk (SQLite <c>synchronous=FULL</c>, PostgreSQL's default <c>synchronous_commit=on</c>):
    /// admin data, identities, devices, the audit log.
    /// </summary>
    Full,

    /// <summary>
    /// A commit is done once it is in the database's log (SQLite WAL with <c>synchronous=NORMAL</c>; PostgreSQL
    /// <c>synchronous_commit=off</c>, flushed by the WAL writer within a few hundred milliseconds): it survives a crash of
    /// the studio's process at once, and reaches the disk at the next checkpoint or fully durable commit, so an operating
    /// system crash or power cut may lose the last of these. For sign-ons in progress and what belongs to them (sessions,
    /// push messages, brute-force and retry counters): a sign-on lost that way is started again, and not waiting for the
    /// disk is what lets a step cost no more than a routed request.
    /// </summary>
    SignOn,
}

/// <summary>
/// Contexts of the <see cref="WriteDurability.SignOn"/> kind, for the stores on the sign-on path; every other store uses
/// the ordinary <see cref="IDbContextFactory{TContext}"/> (<see cref="WriteDurability.Full"/>). Same database, same model.
/// On SQLite the durability is a setting of each connection, applied every time a context opens one
/// (<see cref="SqliteConnectionSetupInterceptor"/>), so a pooled connection never carries one kind's setting into the other's
/// writes; on PostgreSQL it is in the connection string, so each kind has a pool of its own
/// (<see cref="JourneyStudioDataServiceCollectionExtensions.PostgresConnectionString"/>).
/// </summary>
public sealed class SignOnDbContextFactory(IDbContextFactory<JourneyStudioDbContext> contexts) : IDbContextFactory<JourneyStudioDbContext>
{
    public JourneyStudioDbContext CreateDbContext() => contexts.CreateDbContext();

    public Task<JourneyStudioDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) => contexts.CreateDbContextAsync(cancellationToken);
}

public static class SignOnStoreRegistration
{
    /// <summary>
    /// Registers the store <typeparamref name="TStore"/> (a singleton taking an <see cref="IDbContextFactory{TContext}"/>) with the
    /// <see cref="SignOnDbContextFactory"/>: its writes are <see cref="WriteDurability.SignOn"/> writes.
    /// </summary>
    public static IServiceCollection TryAddSignOnStore<TStore>(this IServiceCollection services) where TStore : class
    {
        services.TryAddSingleton(provider => ActivatorUtilities.CreateInstance<TStore>(provider, provider.GetRequiredService<SignOnDbContextFactory>()));
        return services;
    }

    /// <inheritdoc cref="TryAddSignOnStore{TStore}"/>
    public static IServiceCollection AddSignOnStore<TService, TStore>(this IServiceCollection services) where TService : class where TStore : class, TService
    {
        services.AddSingleton<TService>(provider => ActivatorUtilities.CreateInstance<TStore>(provider, provider.GetRequiredService<SignOnDbContextFactory>()));
        return services;
    }
}
