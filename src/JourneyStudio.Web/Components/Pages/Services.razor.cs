using JourneyStudio.Runtime.Administration;
using JourneyStudio.Runtime.Realms;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace JourneyStudio.Web.Components.Pages;

/// <summary>
/// The realm services page: AM's Push Notification service and ForgeRock Authenticator (Push) service per
/// realm, each field showing whether its value comes from configuration or was saved here.
/// </summary>
public sealed partial class Services
{
    private string _realm = RealmNames.Alpha;
    private RealmServicesView? _view;
    private FormValues _form = new();
    private IReadOnlyDictionary<string, string> _errors = new Dictionary<string, string>();
    private bool _busy;

    [Inject] private RealmServiceStore Store { get; set; } = null!;

    [Inject] private IDialogService Dialogs { get; set; } = null!;

    [Inject] private ISnackbar Snackbar { get; set; } = null!;

    [Inject] private RealmServiceAdminService Admin { get; set; } = null!;

    [Inject] private StudioActor Actor { get; set; } = null!;

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task SelectRealmAsync(string? realm)
    {
        if (realm is null || realm == _realm) return;
        await LoadAsync(realm);
    }

    private Task LoadAsync() => LoadAsync(_realm);

    // The realm name and its values change together, so the page never shows one realm's name over another's values.
    private async Task LoadAsync(string realm)
    {
        var view = await Store.GetAsync(realm);
        _realm = realm;
        _view = view;
        _form = FormValues.From(view.ToChanges());
        _errors = new Dictionary<string, string>();
    }

    private async Task SaveAsync()
    {
        if (_busy) return;
        _busy = true;
        try
        {
            var changes = _form.ToChanges();
            var preview = await Store.PreviewAsync(_realm, changes);
            if (!preview.IsValid)
            {
                ShowErrors(preview.Errors);
                return;
            }

            var invalidating = preview.DeviceInvalidatingChanges;
            if (invalidating.Count > 0 && !await ConfirmDevicesMustRegisterAgainAsync(
                    $"You changed {string.Join(", ", invalidating)} of realm {_realm}.", "Save anyway"))
                return;

            switch (await Admin.SaveAsync(_realm, changes, await Actor.GetAsync()))
            {
                case RealmServiceSaveResult.Invalid invalid:
                    ShowErrors(invalid.Errors);
                    break;
                case RealmServiceSaveResult.Saved saved:
                    _view = saved.View;
                    _form = FormValues.From(saved.View.ToChanges());
                    _errors = new Dictionary<string, string>();
                    Snackbar.Clear(); // an earlier "nothing was saved" no longer applies
                    Snackbar.Add($"Saved the services of realm {_realm}.", Severity.Success);
                    break;
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task ResetAsync()
    {
        if (_busy || _view is null) return;
        _busy = true;
        try
        {
            if (_view.HasSavedDeliverySettings && !await ConfirmDevicesMustRegisterAgainAsync(
                    $"Realm {_realm} goes back to the configured push delivery settings.", "Reset anyway"))
                return;
            await Admin.ResetAsync(_realm, await Actor.GetAsync());
            await LoadAsync();
            Snackbar.Add($"Realm {_realm} uses the configuration defaults again.", Severity.Success);
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task<bool> ConfirmDevicesMustRegisterAgainAsync(string what, string confirmText)
    {
        var answer = await Dialogs.ShowMessageBoxAsync(
            "Registered devices must register again",
            (MarkupString)($"<p>{System.Net.WebUtility.HtmlEncode(what)}</p><p class=\"mt-2\">Devices registered with the old push settings " +
                           "will get authorization errors and cannot receive push notifications until their users register them again.</p>"),
            yesText: confirmText,
            cancelText: "Cancel");
        return answer == true;
    }

    private void ShowErrors(IReadOnlyDictionary<string, string> errors)
    {
        _errors = errors;
        Snackbar.Add("Nothing was saved: correct the highlighted fields.", Severity.Warning);
    }

    private bool HasError(string field) => _errors.ContainsKey(field);

    private string? ErrorFor(string field) => _errors.GetValueOrDefault(field);

    private static string SourceText<T>(SettingValue<T> setting) => setting.Source switch
    {
        SettingSource.Saved => "Saved for this realm.",
        SettingSource.Configuration => "From configuration.",
        SettingSource.Environment => "From the AWS_* environment variables.",
        _ => setting.Value is null ? "Not configured." : "Built-in default.",
    };

    private string SecretHelpText() => _view!.SecretSource switch
    {
        SettingSource.Saved => "A secret is stored for this realm; leave blank to keep it.",
        SettingSource.Configuration => "A secret is set in configuration; leave blank to keep using it.",
        SettingSource.Environment => "A secret is set in AWS_SECRET_ACCESS_KEY; leave blank to keep using it.",
        _ => "No secret is set.",
    };

    /// <summary>The form's editable values (MudBlazor binds to settable properties).</summary>
    private sealed class FormValues
    {
        public string Transport { get; set; } = PushTransportNames.Embedded;
        public string? Region { get; set; }
        public string? AccessKeyId { get; set; }
        public string? SecretAccessKey { get; set; }
        public string? ApnsEndpoint { get; set; }
        public string? GcmEndpoint { get; set; }
        public string? ServiceUrl { get; set; }
        public bool DeviceProfileEncryption { get; set; }
        public string? SkippableAttributeName { get; set; }

        public static FormValues From(RealmServiceChanges values) => new()
        {
            Transport = values.Transport,
            Region = values.Region,
            AccessKeyId = values.AccessKeyId,
            ApnsEndpoint = values.ApnsEndpoint,
            GcmEndpoint = values.GcmEndpoint,
            ServiceUrl = values.ServiceUrl,
            DeviceProfileEncryption = values.DeviceProfileEncryption,
            SkippableAttributeName = values.SkippableAttributeName,
        };

        public RealmServiceChanges ToChanges() => new()
        {
            Transport = Transport,
            Region = Region,
            AccessKeyId = AccessKeyId,
            SecretAccessKey = SecretAccessKey,
            ApnsEndpoint = ApnsEndpoint,
            GcmEndpoint = GcmEndpoint,
            ServiceUrl = ServiceUrl,
            DeviceProfileEncryption = DeviceProfileEncryption,
            SkippableAttributeName = SkippableAttributeName ?? "",
        };
    }
}
