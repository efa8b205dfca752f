using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using JourneyStudio.Runtime.Identities;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace JourneyStudio.Runtime.Persistence;

public static class JourneyStudioDataServiceCollectionExtensions
{
    /// <summary>
    /// Registers the SQLite database (<see cref="IDbContextFactory{TContext}"/> of
    /// <see cref="JourneyStudioDbContext"/>), <see cref="JourneyStore"/> and <see cref="AdminAccountStore"/>,
    /// with <see cref="JourneyStudioDataOptions"/> bound from the section <c>JourneyStudio</c>.
    /// The host registers an <see cref="IJourneyCodec"/> and calls
    /// <see cref="JourneyStudioDatabase.InitializeAsync"/> before serving.
    /// </summary>
    public static IServiceCollection AddJourneyStudioData(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JourneyStudioDataOptions>()
            .Bind(configuration.GetSection(JourneyStudioDataOptions.SectionName))
            .Validate(o => !string.IsNullOrWhiteSpace(o.DataDirectory), "JourneyStudio:DataDirectory must not be empty.");

        services.AddDbContextFactory<JourneyStudioDbContext>((provider, options) =>
            ConfigureSqlite(options, provider.GetRequiredService<IOptions<JourneyStudioDataOptions>>().Value.DatabasePath));

        // Keys protect authIds, session data and MFA secrets at rest; kept beside the database so they
        // survive restarts and move with the data directory.
        var dataProtection = services.AddDataProtection().SetApplicationName("JourneyStudio");
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<JourneyStudioDataOptions>>((keys, data) =>
            keys.XmlRepository = new PrivateKeyRingRepository(data.Value.DataDirectoryFullPath, data.Value.KeyRingDirectory, NullLoggerFactory.Instance));
        var keyRing = configuration.GetSection(JourneyStudioDataOptions.SectionName).GetSection("DataProtection").Get<KeyRingOptions>();
        if (!string.IsNullOrWhiteSpace(keyRing?.CertificatePath))
            dataProtection.ProtectKeysWithCertificate(LoadKeyRingCertificate(keyRing.CertificatePath, keyRing.CertificatePassword));

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<JourneyStore>();
        services.TryAddSingleton<Scripts.ScriptStore>();
        // Replaces the empty source the engine registers when it comes first.
        services.RemoveAll<Scripts.IScriptSource>();
        services.AddSingleton<Scripts.IScriptSource>(provider => provider.GetRequiredService<Scripts.ScriptStore>());
        services.TryAddSingleton<BoundedPasswordHasher>();
        services.TryAddSingleton<AdminAccountStore>();
        return services;
    }

    /// <summary>The certificate that encrypts the key ring; a setting that cannot be used stops the start, naming it.</summary>
    public static X509Certificate2 LoadKeyRingCertificate(string path, string? password)
    {
        const string setting = "JourneyStudio:DataProtection:CertificatePath";
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"{setting}: the certificate file {path} cannot be read ({e.Message}).", e);
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException(
                $"{setting}: {path} is not a PKCS#12 (.pfx) file that opens with JourneyStudio:DataProtection:CertificatePassword ({e.Message}).", e);
        }
        if (!certificate.HasPrivateKey || certificate.GetRSAPrivateKey() is null)
            throw new InvalidOperationException($"{setting}: {path} must hold an RSA certificate with its private key, which decrypts the key ring.");
        return certificate;
    }

    /// <summary>The SQLite settings every context of the studio uses (also the design-time factory's).</summary>
    public static DbContextOptionsBuilder ConfigureSqlite(DbContextOptionsBuilder options, string databasePath) =>
        options
            .UseSqlite(ConnectionString(databasePath))
            .AddInterceptors(new SqliteConnectionSetupInterceptor());

    public static string ConnectionString(string databasePath) => new SqliteConnectionStringBuilder
    {
        DataSource = databasePath,
        Mode = SqliteOpenMode.ReadWriteCreate,
        ForeignKeys = true, // deleting a journey removes its revisions through ON DELETE CASCADE
        DefaultTimeout = 30,
    }.ToString();
}
