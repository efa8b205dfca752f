using JourneyStudio.Runtime.Audit;
using JourneyStudio.Runtime.Email;

namespace JourneyStudio.Web.Api;

/// <summary>
/// The embedded transport's mailbox for scripts and tests: <c>GET /admin/api/mailbox</c> (newest first, with bodies),
/// <c>GET|DELETE /admin/api/mailbox/{id}</c>, <c>DELETE /admin/api/mailbox</c> (clear). The studio's Mailbox page shows the same.
/// </summary>
internal static class AdminMailboxEndpoints
{
    public static void MapAdminMailboxEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/mailbox", ListAsync);
        api.MapDelete("/mailbox", ClearAsync);
        api.MapGet("/mailbox/{id}", GetAsync);
        api.MapDelete("/mailbox/{id}", DeleteAsync);
    }

    private static async Task<IResult> ListAsync(Mailbox mailbox, CancellationToken cancellationToken) =>
        Results.Json((await mailbox.ListAsync(cancellationToken)).Select(ToJson).ToList());

    private static async Task<IResult> GetAsync(string id, Mailbox mailbox, CancellationToken cancellationToken)
    {
        if (ParseId(id) is not { } number) return NotANumber(id);
        return await mailbox.GetAsync(number, cancellationToken) is { } message
            ? Results.Json(ToJson(message))
            : AdminApiErrors.NotFound($"The mailbox has no message {number}.");
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext http, Mailbox mailbox, IAuditLog audit, CancellationToken cancellationToken)
    {
        if (ParseId(id) is not { } number) return NotANumber(id);
        if (!await mailbox.DeleteAsync(number, cancellationToken))
            return AdminApiErrors.NotFound($"The mailbox has no message {number}.");
        await audit.RecordAsync(AdminApiActor.Of(http).Event(AuditActions.MailboxDelete, number.ToString(System.Globalization.CultureInfo.InvariantCulture)), cancellationToken);
        return Results.NoContent();
    }

    private static async Task<IResult> ClearAsync(HttpContext http, Mailbox mailbox, IAuditLog audit, CancellationToken cancellationToken)
    {
        var deleted = await mailbox.ClearAsync(cancellationToken);
        await audit.RecordAsync(AdminApiActor.Of(http).Event(AuditActions.MailboxClear, null) with { Detail = $"{deleted} messages" }, cancellationToken);
        return Results.NoContent();
    }

    private static long? ParseId(string id) =>
        long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : null;

    private static IResult NotANumber(string id) => AdminApiErrors.BadRequest($"'{id}' is not a message id; ids are whole numbers.");

    private static object ToJson(MailboxMessage m) => new
    {
        id = m.Id, from = m.From, to = m.To, subject = m.Subject, text = m.TextBody, html = m.HtmlBody, sentAt = m.SentAt,
    };
}
