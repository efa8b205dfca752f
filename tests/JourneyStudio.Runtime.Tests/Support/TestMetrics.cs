using System.Diagnostics.Metrics;
using JourneyStudio.Runtime.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyStudio.Runtime.Tests.Support;

/// <summary>The studio's instruments on a meter factory of their own, for classes built by hand in tests.</summary>
public static class TestMetrics
{
    public static JourneyStudioMetrics Create() =>
        new(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());
}
