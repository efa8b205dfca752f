using JourneyStudio.OpenIdConnect.Endpoints;
using Microsoft.AspNetCore;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace JourneyStudio.OpenIdConnect.Server;

/// <summary>
/// An authorization or end-session error that cannot go back to the client, because the client is unknown or the
/// redirect URI is not one it registered, is shown as the provider's error page: never a redirect (an open redirector
/// would send users to an attacker's site with the provider's authority), and not OpenIddict's plain-text answer.
/// Errors with a validated redirect URI go back to the client as usual.
/// </summary>
public static class ErrorPageHandlers
{
    public sealed class RenderAuthorizationErrorPage : IOpenIddictServerHandler<ApplyAuthorizationResponseContext>
    {
        public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
            OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyAuthorizationResponseContext>()
                .UseSingletonHandler<RenderAuthorizationErrorPage>()
                .SetOrder(OpenIddictServerAspNetCoreHandlers.ProcessLocalErrorResponse<ApplyAuthorizationResponseContext>.Descriptor.Order - 1)
                .SetType(OpenIddictServerHandlerType.Custom)
                .Build();

        public async ValueTask HandleAsync(ApplyAuthorizationResponseContext context)
        {
            if (context.Error is null || !string.IsNullOrEmpty(context.RedirectUri)) return;
            await RenderAsync(context.Transaction, context.Error, context.Response.ErrorDescription);
            context.HandleRequest();
        }
    }

    public sealed class RenderEndSessionErrorPage : IOpenIddictServerHandler<ApplyEndSessionResponseContext>
    {
        public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
            OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyEndSessionResponseContext>()
                .UseSingletonHandler<RenderEndSessionErrorPage>()
                .SetOrder(OpenIddictServerAspNetCoreHandlers.ProcessLocalErrorResponse<ApplyEndSessionResponseContext>.Descriptor.Order - 1)
                .SetType(OpenIddictServerHandlerType.Custom)
                .Build();

        public async ValueTask HandleAsync(ApplyEndSessionResponseContext context)
        {
            if (context.Error is null || !string.IsNullOrEmpty(context.PostLogoutRedirectUri)) return;
            await RenderAsync(context.Transaction, context.Error, context.Response.ErrorDescription);
            context.HandleRequest();
        }
    }

    private static Task RenderAsync(OpenIddictServerTransaction transaction, string error, string? description)
    {
        var http = transaction.GetHttpRequest()?.HttpContext ?? throw new InvalidOperationException("Not an ASP.NET Core request.");
        return ProviderPages.Error(error, description).ExecuteAsync(http);
    }
}
