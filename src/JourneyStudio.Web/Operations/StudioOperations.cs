using System.Text.Json;
using JourneyStudio.Runtime.Diagnostics;
using JourneyStudio.Web.Security;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace JourneyStudio.Web.Operations;

/// <summary>
/// What operators and load balancers call: <c>/health/live</c>, <c>/health/ready</c> (anonymous) and the Prometheus
/// endpoint (<see cref="MetricsSettings"/>, admins only).
/// </summary>
public static class StudioOperations
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";

    private const string ReadinessTag = "ready";

    /// <summary>The <c>service_name</c> of <c>target_info</c>.</summary>
    public const string ServiceName = "journeystudio";

    // A check that hangs (a database behind a dead network) must not hold the load balancer's probe for long.
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    private static readonly JsonSerializerOptions HealthJson = new(JsonSerializerDefaults.Web);

    /// <summary>The metrics meter names exported besides the studio's own: ASP.NET Core and Kestrel (by the instrumentation), .NET runtime.</summary>
    private static readonly string[] PlatformMeters = ["System.Runtime"];

    public static IServiceCollection AddStudioOperations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddJourneyStudioMetrics();
        services.AddHealthChecks()
            .AddCheck<DatabaseReadinessCheck>(DatabaseReadinessCheck.Name, tags: [ReadinessTag], timeout: CheckTimeout)
            .AddCheck<MigrationsReadinessCheck>(MigrationsReadinessCheck.Name, tags: [ReadinessTag], timeout: CheckTimeout)
            .AddCheck<KeyRingReadinessCheck>(KeyRingReadinessCheck.Name, tags: [ReadinessTag], timeout: CheckTimeout);

        var metrics = MetricsSettings.Read(configuration);
        services.AddSingleton(metrics);
        if (metrics.Enabled)
        {
            services.AddOpenTelemetry()
                .ConfigureResource(resource => resource.AddService(ServiceName))
                .WithMetrics(meters => meters
                .AddMeter(JourneyStudioMetrics.MeterName)
                .AddMeter(PlatformMeters)
                .AddAspNetCoreInstrumentation()
                // Each scrape is collected fresh: a cached answer would hide what the previous seconds did.
                .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0));
        }
        return services;
    }

    public static void MapStudioOperations(this WebApplication app)
    {
        app.MapHealthChecks(LivePath, new HealthCheckOptions
        {
            // Live means the process answers; a database outage must not get healthy instances restarted.
            Predicate = _ => false,
            ResponseWriter = WriteHealthAsync,
        }).AllowAnonymous().DisableHttpMetrics();
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadinessTag),
            ResponseWriter = WriteHealthAsync,
        }).AllowAnonymous().DisableHttpMetrics();

        var metrics = app.Services.GetRequiredService<MetricsSettings>();
        if (metrics.Enabled)
        {
            app.MapPrometheusScrapingEndpoint(metrics.Path, meterProvider: null,
                    configureBranchedPipeline: scrape => scrape.Use(async (http, next) =>
                    {
                        await http.RequestServices.GetRequiredService<ActiveSignOnsGauge>().RefreshAsync(http.RequestAborted);
                        await next(http);
                    }),
                    optionsName: null)
                .RequireAuthorization(AdminAuthentication.ApiPolicy)
                .DisableHttpMetrics();
        }
    }

    /// <summary><c>{"status": "...", "checks": [{"name", "status", "description"?}]}</c>: names and fixed sentences only.</summary>
    private static Task WriteHealthAsync(HttpContext http, HealthReport report)
    {
        // The studio's HTML status pages must not replace a 503 body that a probe or an operator reads.
        if (http.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages) statusCodePages.Enabled = false;
        var body = new HealthBody(
            report.Status.ToString(),
            report.Entries.Select(entry => new HealthCheckBody(
                entry.Key,
                entry.Value.Status.ToString(),
                entry.Value.Status == HealthStatus.Healthy ? null : entry.Value.Description)).ToList());
        http.Response.ContentType = "application/json; charset=utf-8";
        return http.Response.WriteAsync(JsonSerializer.Serialize(body, HealthJson), http.RequestAborted);
    }

    private sealed record HealthBody(string Status, IReadOnlyList<HealthCheckBody> Checks);

    private sealed record HealthCheckBody(
        string Name,
        string Status,
        [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
        string? Description);
}
