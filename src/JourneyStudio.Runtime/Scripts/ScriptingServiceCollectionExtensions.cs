using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace JourneyStudio.Runtime.Scripts;

public static class ScriptingServiceCollectionExtensions
{
    /// <summary>
    /// The script sandbox (<see cref="ScriptRunner"/>, <see cref="ScriptCompiler"/>, <see cref="ScriptValidator"/>) with
    /// <see cref="ScriptingOptions"/> bound from <c>JourneyStudio:Scripting</c> when <paramref name="configuration"/> is given
    /// (defaults otherwise). Scripts come from <see cref="IScriptSource"/>: the database's <see cref="ScriptStore"/> once
    /// AddJourneyStudioData is registered, none before.
    /// </summary>
    public static IServiceCollection AddJourneyStudioScripting(this IServiceCollection services, IConfiguration? configuration = null)
    {
        var scripting = services.AddOptions<ScriptingOptions>();
        if (configuration is not null)
        {
            scripting.Bind(configuration.GetSection(ScriptingOptions.SectionName)).ValidateOnStart();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ScriptingOptions>, ScriptingOptionsValidator>());
        }
        services.TryAddSingleton<ScriptCompiler>();
        services.TryAddSingleton<ScriptRunner>();
        services.TryAddSingleton<ScriptValidator>();
        services.TryAddSingleton<IScriptSource, NoScripts>();
        services.TryAddScoped<IScriptIdentities, IdentityStoreScriptIdentities>();
        // No redirects: a redirect could lead a script off the allowed hosts.
        services.AddHttpClient(ScriptRunner.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        return services;
    }

    private sealed class ScriptingOptionsValidator : IValidateOptions<ScriptingOptions>
    {
        public ValidateOptionsResult Validate(string? name, ScriptingOptions options) =>
            options.Problems() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }

    private sealed class NoScripts : IScriptSource
    {
        public Task<StoredScript?> FindAsync(string scriptId, CancellationToken cancellationToken = default) => Task.FromResult<StoredScript?>(null);
    }
}
