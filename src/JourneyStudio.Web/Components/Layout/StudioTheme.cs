using MudBlazor;

namespace JourneyStudio.Web.Components.Layout;

public static class StudioTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f4e9c",
            Secondary = "#0f8b8d",
            AppbarBackground = "#102a54",
            Success = "#2e7d32",
            Error = "#c62828",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Inter", "Segoe UI", "Roboto", "Helvetica", "Arial", "sans-serif"] },
        },
    };
}
