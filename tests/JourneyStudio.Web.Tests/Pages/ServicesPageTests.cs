using Bunit;
using Bunit.Rendering;
using JourneyStudio.Runtime.Administration;
using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Runtime.Push.Sns;
using JourneyStudio.Runtime.Realms;
using Microsoft.AspNetCore.Components;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using ServicesPage = JourneyStudio.Web.Components.Pages.Services;

namespace JourneyStudio.Web.Tests.Pages;

/// <summary>The /services page against a real SQLite store, with MudBlazor's dialog and snackbar providers.</summary>
public sealed class ServicesPageTests : BunitContext, IAsyncLifetime
{
    private const string ConfiguredGcmArn = "arn:aws:sns:eu-west-1:123456789012:app/GCM/Configured";
    private const string NewGcmArn = "arn:aws:sns:eu-west-1:123456789012:app/GCM/NewApp";

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "journeystudio-services-" + Guid.NewGuid().ToString("N"));

    public ServicesPageTests()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["JourneyStudio:DataDirectory"] = _dataDirectory,
        }).Build();
        Services.AddMudServices();
        Services.AddJourneyStudioData(configuration);
        Services.AddJourneyStudioRealmServices(configuration);
        Services.AddJourneyStudioAdministration();
        Services.AddScoped<JourneyStudio.Web.Components.StudioActor>();
        // Defaults as an operator would configure them, independent of this machine's AWS_* variables.
        Services.AddSingleton(new RealmServiceDefaults("sns",
            new SnsOptions { Region = "eu-west-1", AccessKeyId = "AKIACONFIGURED000001", SecretAccessKey = "wJalrConfiguredSecret", GcmPlatformApplicationArn = ConfiguredGcmArn },
            _ => null));
        JSInterop.Mode = JSRuntimeMode.Loose;
        AddAuthorization().SetAuthorized("ops-admin");
    }

    public async Task InitializeAsync() => await JourneyStudioDatabase.InitializeAsync(Services);

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataDirectory)) Directory.Delete(_dataDirectory, recursive: true);
    }

    private RealmServiceStore Store => Services.GetRequiredService<RealmServiceStore>();

    private IRenderedComponent<ContainerFragment> RenderPage() => Render(builder =>
    {
        builder.OpenComponent<MudPopoverProvider>(0);
        builder.CloseComponent();
        builder.OpenComponent<MudDialogProvider>(1);
        builder.CloseComponent();
        builder.OpenComponent<MudSnackbarProvider>(2);
        builder.CloseComponent();
        builder.OpenComponent<ServicesPage>(3);
        builder.CloseComponent();
    });

    private static void Click(IRenderedComponent<ContainerFragment> cut, string text) =>
        cut.FindAll("button").Single(b => b.TextContent.Trim() == text).Click();

    [Fact]
    public void Page_ShowsEffectiveValuesAndTheirSource_NeverTheSecret()
    {
        var cut = RenderPage();

        cut.WaitForAssertion(() => Assert.Equal(ConfiguredGcmArn, cut.Find("#sns-gcm-endpoint").GetAttribute("value")));
        Assert.Contains("Push Notification Service", cut.Markup);
        Assert.Contains("ForgeRock Authenticator (Push) Service", cut.Markup);
        Assert.Equal("push2faEnabled", cut.Find("#skippable-attribute").GetAttribute("value"));
        Assert.Contains("From configuration.", cut.Markup);
        var secret = cut.Find("#sns-secret");
        Assert.Equal("password", secret.GetAttribute("type"));
        Assert.Equal("stored", secret.GetAttribute("placeholder"));
        Assert.True(string.IsNullOrEmpty(secret.GetAttribute("value")));
        Assert.DoesNotContain("wJalrConfiguredSecret", cut.Markup);
    }

    [Fact]
    public async Task ChangingTheGcmEndpoint_WarnsThatDevicesMustRegisterAgain_ThenSaves()
    {
        var cut = RenderPage();
        cut.WaitForElement("#sns-gcm-endpoint");

        cut.Find("#sns-gcm-endpoint").Change(NewGcmArn);
        Click(cut, "Save");

        cut.WaitForAssertion(() => Assert.Contains("Registered devices must register again", cut.Find(".mud-dialog").TextContent));
        Assert.Contains("You changed SNS Endpoint for GCM of realm alpha.", cut.Find(".mud-dialog").TextContent);
        Assert.Equal(SettingSource.Configuration, (await Store.GetAsync(RealmNames.Alpha)).GcmEndpoint.Source); // not yet saved

        Click(cut, "Save anyway");

        cut.WaitForAssertion(() => Assert.Contains("Saved the services of realm alpha.", cut.Markup));
        var view = await Store.GetAsync(RealmNames.Alpha);
        Assert.Equal(new SettingValue<string?>(NewGcmArn, SettingSource.Saved), view.GcmEndpoint);
        Assert.Equal("ops-admin", view.UpdatedBy);
        cut.WaitForAssertion(() => Assert.Contains("Saved for this realm.", cut.Markup));
        Assert.Contains("by ops-admin", cut.Find("[data-testid=last-saved]").TextContent);
        var entry = Assert.Single((await Services.GetRequiredService<JourneyStudio.Runtime.Audit.DatabaseAuditLog>()
            .QueryAsync(new JourneyStudio.Runtime.Audit.AuditQuery { Target = RealmNames.Alpha })).Entries).Event;
        Assert.Equal(("services.save", "ops-admin", "studio", "changed SNS Endpoint for GCM"), (entry.Action, entry.Actor, entry.Channel, entry.Detail));
    }

    [Fact]
    public async Task CancellingTheWarning_SavesNothing()
    {
        var cut = RenderPage();
        cut.WaitForElement("#sns-gcm-endpoint");

        cut.Find("#sns-gcm-endpoint").Change(NewGcmArn);
        Click(cut, "Save");
        cut.WaitForElement(".mud-dialog");
        Click(cut, "Cancel");

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".mud-dialog")));
        Assert.Null((await Store.GetAsync(RealmNames.Alpha)).UpdatedAt);
    }

    [Fact]
    public async Task BadValues_AreShownInline_WithoutAskingOrSaving()
    {
        var cut = RenderPage();
        cut.WaitForElement("#sns-region");

        cut.Find("#sns-region").Change("Ireland");
        cut.Find("#skippable-attribute").Change("skip me");
        Click(cut, "Save");

        cut.WaitForAssertion(() => Assert.Contains("SNS Region 'Ireland' is not an AWS region name such as eu-west-1.", cut.Markup));
        Assert.Contains("'skip me' is not an attribute name", cut.Markup);
        Assert.Empty(cut.FindAll(".mud-dialog"));
        Assert.Null((await Store.GetAsync(RealmNames.Alpha)).UpdatedAt);
    }

    [Fact]
    public async Task AuthenticatorSettings_SaveWithoutAWarning_AndResetGoesBackToDefaults()
    {
        var cut = RenderPage();
        cut.WaitForElement("#skippable-attribute");

        cut.Find("#skippable-attribute").Change("mfaSkip");
        Click(cut, "Save");

        cut.WaitForAssertion(() => Assert.Contains("Saved the services of realm alpha.", cut.Markup));
        Assert.Empty(cut.FindAll(".mud-dialog"));
        Assert.Equal("mfaSkip", (await Store.GetAsync(RealmNames.Alpha)).SkippableAttributeName.Value);

        Click(cut, "Reset to defaults");
        cut.WaitForAssertion(() => Assert.Equal("push2faEnabled", cut.Find("#skippable-attribute").GetAttribute("value")));
        Assert.Null((await Store.GetAsync(RealmNames.Alpha)).UpdatedAt);
    }
}
