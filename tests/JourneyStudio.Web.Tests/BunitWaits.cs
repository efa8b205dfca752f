using System.Runtime.CompilerServices;
using Bunit;

namespace JourneyStudio.Web.Tests;

internal static class BunitWaits
{
    /// <summary>
    /// bUnit's waits give up after one second by default; a render that waits on PBKDF2 or the database takes longer when
    /// the suite runs beside other work on two cores. Waits still end as soon as their condition holds.
    /// </summary>
    [ModuleInitializer]
    internal static void AllowLoadedMachines() => BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(15);
}
