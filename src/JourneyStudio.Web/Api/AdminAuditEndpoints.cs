using System.Globalization;
using JourneyStudio.Journeys.Frodo;
using JourneyStudio.Runtime.Audit;

namespace JourneyStudio.Web.Api;

/// <summary><c>GET /admin/api/audit</c>: the audit log, newest first, narrowed by query filters and paged.</summary>
internal static class AdminAuditEndpoints
{
    private static readonly string[] Filters = ["action", "actor", "target", "from", "to", "succeeded", "limit", "offset"];

    // ISO 8601 times, from a date alone to seconds with fractions, with Z or an offset (UTC when none is given).
    private static readonly string[] TimeFormats =
        ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];

    public static void MapAdminAuditEndpoints(this RouteGroupBuilder api) => api.MapGet("/audit", ListAsync);

    private static async Task<IResult> ListAsync(HttpContext http, DatabaseAuditLog log, CancellationToken cancellationToken)
    {
        var (query, errors) = ReadQuery(http.Request.Query);
        if (errors.Count > 0)
            return AdminApiErrors.BadRequest($"The audit log filters are not valid; the filters are {string.Join(", ", Filters)}.", errors);
        var page = await log.QueryAsync(query, cancellationToken);
        http.Response.Headers["X-Total-Count"] = page.Total.ToString(CultureInfo.InvariantCulture);
        return Results.Json(page.Entries.Select(ToJson).ToList());
    }

    /// <summary>The query string as an <see cref="AuditQuery"/>, or every problem with it (unknown, repeated or malformed filters).</summary>
    private static (AuditQuery Query, List<JourneyFormatError> Errors) ReadQuery(IQueryCollection parameters)
    {
        var reader = new AdminApiQuery(parameters, Filters, noun: "filter");
        var errors = reader.Errors;
        string? Text(string name) => reader.Text(name);

        DateTimeOffset? Time(string name)
        {
            if (Text(name) is not { } text) return null;
            if (DateTimeOffset.TryParseExact(text, TimeFormats, CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
                return time;
            errors.Add(new JourneyFormatError($"?{name}",
                $"'{text}' is not an ISO 8601 time such as 2026-12-02 or 2026-12-02T10:00:00Z (an offset's + is written %2B in a URL)"));
            return null;
        }

        bool? Flag(string name)
        {
            if (Text(name) is not { } text) return null;
            if (text is "true" or "false") return text == "true";
            errors.Add(new JourneyFormatError($"?{name}", $"'{text}' is neither true nor false"));
            return null;
        }

        var query = new AuditQuery
        {
            Action = Text("action"),
            Actor = Text("actor"),
            Target = Text("target"),
            From = Time("from"),
            To = Time("to"),
            Succeeded = Flag("succeeded"),
            Limit = reader.Number("limit") ?? AuditQuery.DefaultLimit,
            Offset = reader.Number("offset") ?? 0,
        };
        errors.AddRange(query.Validate().Select(p => new JourneyFormatError($"?{p.Filter.ToLowerInvariant()}", p.Message)));
        return (query, errors);
    }

    private static object ToJson(AuditRecord record) => new
    {
        id = record.Id,
        time = record.At,
        action = record.Event.Action,
        actor = record.Event.Actor,
        target = record.Event.Target,
        succeeded = record.Event.Succeeded,
        channel = record.Event.Channel,
        clientAddress = record.Event.RemoteAddress,
        revisionBefore = record.Event.RevisionBefore,
        revisionAfter = record.Event.RevisionAfter,
        detail = record.Event.Detail,
    };
}
