using JourneyStudio.Testing;

namespace JourneyStudio.Web.Tests.Deployment;

/// <summary>
/// A test of several instances behind nginx. Skipped, saying how to install it, only where nginx is missing outside
/// CI; with <c>CI=true</c> it runs and fails with that message, so CI can never pass without it.
/// </summary>
public sealed class ReverseProxyFactAttribute : FactAttribute
{
    public ReverseProxyFactAttribute()
    {
        if (NginxProxy.Unavailable is { } missing && !NginxProxy.InCi) Skip = missing;
    }
}
