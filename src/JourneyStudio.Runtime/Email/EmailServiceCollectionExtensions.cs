using JourneyStudio.Runtime.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace JourneyStudio.Runtime.Email;

public static class EmailServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IEmailSender"/> (the transport <c>JourneyStudio:Email:Transport</c> names), the <see cref="Mailbox"/>,
    /// the <see cref="EmailTemplateStore"/> and the <see cref="SuspendedSignOnStore"/>. Reads and checks the settings now:
    /// bad ones throw <see cref="InvalidOperationException"/> naming the setting, so the studio does not start with them.
    /// </summary>
    public static IServiceCollection AddJourneyStudioEmail(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = EmailSettings.Read(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(settings);
        services.TryAddSingleton<Mailbox>();
        services.TryAddSingleton<EmailTemplateStore>();
        services.TryAddSingleton<EmailRecipients>();
        services.TryAddSignOnStore<SuspendedSignOnStore>();
        if (settings.Transport == EmailTransportKind.Smtp)
            services.AddSingleton<IEmailSender, SmtpEmailSender>();
        else
            services.AddSingleton<IEmailSender, EmbeddedEmailSender>();
        return services;
    }
}
