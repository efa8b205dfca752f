using JourneyStudio.Runtime.ApiTokens;
using JourneyStudio.Runtime.Audit;
using JourneyStudio.Web.Api;
using JourneyStudio.Web.Components.Dialogs;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace JourneyStudio.Web.Components.Pages;

/// <summary>
/// Admin API tokens: create one (shown once), see who made it, when it expires and when it was last used,
/// revoke it. The rules and the audit records live in <see cref="AdminApiTokenStore"/>.
/// </summary>
public sealed partial class ApiTokens
{
    [Inject] private AdminApiTokenStore Tokens { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private StudioActor Actor { get; set; } = default!;

    private IReadOnlyList<AdminApiTokenSummary> _tokens = [];
    private bool _loading = true;

    private string ApiBase => Navigation.BaseUri.TrimEnd('/') + AdminApi.Prefix;

    protected override async Task OnInitializedAsync() => await ReloadAsync();

    private async Task ReloadAsync()
    {
        _loading = true;
        _tokens = await Tokens.ListAsync();
        _loading = false;
    }

    private Task<AuditActor> ActorAsync() => Actor.GetAsync();

    private async Task CreateAsync()
    {
        var parameters = new DialogParameters<NewApiTokenDialog> { { d => d.CreatedBy, await ActorAsync() } };
        // Not closed by a click outside or Escape: the token is on screen only once.
        var dialog = await Dialogs.ShowAsync<NewApiTokenDialog>("New API token", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, BackdropClick = false, CloseOnEscapeKey = false });
        var result = await dialog.Result;
        await ReloadAsync();
        if (result is { Canceled: false, Data: AdminApiTokenSummary created })
            Snackbar.Add($"Created the token '{created.Name}'.", Severity.Success);
    }

    private async Task RevokeAsync(AdminApiTokenSummary token)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Revoke API token",
            $"Revoke '{token.Name}'? Pipelines that use it are refused from now on. This cannot be undone.",
            yesText: "Revoke", cancelText: "Cancel");
        if (confirmed != true) return;
        var (message, severity) = await Tokens.RevokeAsync(token.Id, await ActorAsync()) switch
        {
            AdminApiTokenRevokeResult.Revoked => ($"Revoked '{token.Name}'.", Severity.Success),
            AdminApiTokenRevokeResult.AlreadyRevoked => ($"'{token.Name}' was already revoked.", Severity.Info),
            _ => ($"'{token.Name}' no longer exists.", Severity.Warning),
        };
        Snackbar.Add(message, severity);
        await ReloadAsync();
    }

    private static string When(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm") + " UTC";

    private static Color StateColor(AdminApiTokenState state) => state switch
    {
        AdminApiTokenState.Active => Color.Success,
        AdminApiTokenState.Expired => Color.Warning,
        _ => Color.Default,
    };

    private static string StateText(AdminApiTokenSummary token, AdminApiTokenState state) => state switch
    {
        AdminApiTokenState.Active => "Active",
        AdminApiTokenState.Expired => "Expired",
        _ => $"Revoked {When(token.RevokedAt!.Value)} by {token.RevokedBy}",
    };
}
