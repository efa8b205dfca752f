using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Runtime.Audit;
using JourneyStudio.Runtime.BruteForce;
using JourneyStudio.Runtime.Devices;
using JourneyStudio.Runtime.Email;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Identities;
using JourneyStudio.Runtime.Nodes.Mfa;
using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Runtime.Push;
using JourneyStudio.Runtime.Realms;
using JourneyStudio.Runtime.Scripts;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace JourneyStudio.Runtime.JourneyTests;

/// <summary>
/// A throwaway world for scenarios, emptied before each one (<see cref="ResetAsync"/>): the real engine and node processors over their own SQLite file in a fresh
/// temporary folder (identities, devices, recovery codes, push messages, retry counters, credential failures, key ring),
/// the <see cref="SandboxClock"/> and the <see cref="SandboxPushTransport"/>. Nothing in it is shared with the studio's
/// database or transports, whatever provider the studio uses; disposing deletes the folder.
/// </summary>
public sealed class JourneyTestSandbox : IAsyncDisposable
{
    /// <summary>The address registration QR codes carry inside the sandbox; <c>.invalid</c> is never resolvable.</summary>
    public const string BaseUrl = "https://sandbox.journeystudio.invalid";

    private readonly ServiceProvider _services;
    private readonly string _folder;

    private JourneyTestSandbox(ServiceProvider services, string folder)
    {
        _services = services;
        _folder = folder;
    }

    public IServiceProvider Services => _services;

    public SandboxClock Clock => _services.GetRequiredService<SandboxClock>();

    public SandboxPushTransport Push => _services.GetRequiredService<SandboxPushTransport>();

    /// <summary>
    /// Forgets everything the last scenario left (identities, devices, codes, push messages, counters, failures, sessions;
    /// the key ring stays), sets the clock to the real time and empties the push outbox.
    /// </summary>
    public async Task ResetAsync(CancellationToken cancellationToken)
    {
        await using var db = await _services.GetRequiredService<IDbContextFactory<JourneyStudioDbContext>>().CreateDbContextAsync(cancellationToken);
        var tables = db.Model.GetEntityTypes()
            .Where(t => t.ClrType != typeof(Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey))
            // Tables the migrations seed (the terms, the security questions) keep their rows, as a new studio has them.
            .Where(t => t.ClrType != typeof(SelfService.TermsVersionRecord) && t.ClrType != typeof(SelfService.KbaQuestionRecord))
            .Select(t => t.GetTableName())
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();
        await db.Database.OpenConnectionAsync(cancellationToken);
        // Foreign keys off for the reset only: the order of the deletes then does not matter.
        await db.Database.ExecuteSqlRawAsync("PRAGMA foreign_keys = OFF;", cancellationToken);
        try
        {
            foreach (var table in tables)
#pragma warning disable EF1002 // the names come from the model, quoted
                await db.Database.ExecuteSqlRawAsync($"DELETE FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\";", cancellationToken);
#pragma warning restore EF1002
        }
        finally
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA foreign_keys = ON;", CancellationToken.None);
        }
        Clock.Reset(TimeProvider.System.GetUtcNow());
        Push.Clear();
    }

    /// <param name="journeys">Where the engine finds the journey under test and the journeys it runs inside.</param>
    /// <param name="scripts">The studio's scripts (journeys refer to them by id); none when null.</param>
    /// <param name="settings">The host's configuration: scripting and brute-force settings apply in the sandbox too.</param>
    public static async Task<JourneyTestSandbox> StartAsync(IJourneyResolver journeys, IScriptSource? scripts, IConfiguration? settings,
        NodeCatalog catalog, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), "journeystudio-sandbox-" + Guid.NewGuid().ToString("N"));
        var configuration = new ConfigurationBuilder()
            .AddConfiguration(settings ?? new ConfigurationBuilder().Build())
            // Whatever the studio is configured with, the sandbox has its own SQLite file and never a real transport.
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [JourneyStudioDataOptions.SectionName + ":DataDirectory"] = folder,
                [DatabaseOptions.ProviderSetting] = "sqlite",
                [DatabaseOptions.ConnectionStringSetting] = "",
                [PushServiceCollectionExtensions.TransportSetting] = PushTransportNames.Embedded,
                // Mail stays in the sandbox's own mailbox: a test never sends a real message.
                [EmailSettings.TransportSetting] = "embedded",
                [PushEndpoints.PublicBaseUrlSetting] = BaseUrl,
                [JourneyStudioDataOptions.SectionName + ":DataProtection:CertificatePath"] = "",
            })
            .Build();

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        var clock = new SandboxClock(TimeProvider.System.GetUtcNow());
        services.AddSingleton(clock);
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton(catalog);
        services.AddJourneyStudioData(configuration);
        services.AddSingleton<IJourneyCodec, FrodoJourneyCodec>();
        services.AddSingleton(journeys);
        services.AddJourneyStudioIdentities();
        services.AddJourneyStudioDevices();
        services.AddJourneyStudioPush(configuration);
        services.AddJourneyStudioRealmServices(configuration);
        services.AddJourneyStudioBruteForce(configuration);
        services.AddJourneyStudioScripting(configuration);
        services.AddJourneyStudioEmail(configuration);
        services.AddJourneyEngine();
        // Sandbox sign-ons leave no trace in the studio's audit log.
        services.AddSingleton<IAuditLog, NoAuditLog>();
        services.AddSingleton<SandboxPushTransport>();
        services.RemoveAll<IPushTransport>();
        services.AddSingleton<IPushTransport>(provider => provider.GetRequiredService<SandboxPushTransport>());
        services.RemoveAll<IScriptSource>();
        services.AddSingleton(scripts ?? new NoScriptSource());
        services.AddSingleton<PushMessageResponder>();

        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        var sandbox = new JourneyTestSandbox(provider, folder);
        try
        {
            await JourneyStudioDatabase.InitializeAsync(provider, cancellationToken);
            return sandbox;
        }
        catch
        {
            await sandbox.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        var data = _services.GetRequiredService<Microsoft.Extensions.Options.IOptions<JourneyStudioDataOptions>>().Value;
        await _services.DisposeAsync();
        // Pooled connections would keep the file open; only this sandbox's pool is cleared, never the studio's.
        using (var connection = new SqliteConnection(JourneyStudioDataServiceCollectionExtensions.SqliteConnectionString(data)))
            SqliteConnection.ClearPool(connection);
        try
        {
            if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is removed with the temporary folder later; the run's result does not depend on it.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private sealed class NoScriptSource : IScriptSource
    {
        public Task<StoredScript?> FindAsync(string scriptId, CancellationToken cancellationToken = default) => Task.FromResult<StoredScript?>(null);
    }
}
