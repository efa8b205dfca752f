using System.Globalization;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Frodo;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Journeys.Validation;
using JourneyStudio.Runtime.Administration;
using JourneyStudio.Runtime.JourneyTests;
using JourneyStudio.Runtime.Persistence;
using Microsoft.Net.Http.Headers;

namespace JourneyStudio.Web.Api;

/// <summary>
/// <c>/admin/api/journeys</c>: list, read, write (with optimistic concurrency), save drafts and publish them, compare
/// revisions, delete, import, export, validate.
/// </summary>
internal static class AdminJourneyEndpoints
{
    private const string JsonContentType = "application/json; charset=utf-8";

    public static void MapAdminJourneyEndpoints(this RouteGroupBuilder api)
    {
        var journeys = api.MapGroup("/journeys");
        journeys.MapGet("", ListAsync);
        journeys.MapPost("/import", ImportAsync);
        journeys.MapGet("/{name}", GetAsync);
        journeys.MapPut("/{name}", PutAsync);
        journeys.MapDelete("/{name}", DeleteAsync);
        journeys.MapGet("/{name}/export", ExportAsync);
        journeys.MapGet("/{name}/validation", ValidationAsync);
        journeys.MapPost("/{name}/publish", PublishAsync);
        journeys.MapGet("/{name}/diff", DiffAsync);
        journeys.MapPost("/{name}/tests/run", RunTestsAsync);
    }

    /// <summary>
    /// Runs the journey's test scenarios in the sandbox (<c>?revision=N</c>, default: the newest revision, the draft when
    /// there is one) and answers every scenario's result; 200 whether they pass or not (<c>passed</c> says).
    /// </summary>
    private static async Task<IResult> RunTestsAsync(string name, HttpContext http, JourneyTestService tests, CancellationToken cancellationToken)
    {
        if (ReadRevisionParameter(http.Request, "revision", out var revision) is { } revisionProblem) return revisionProblem;
        return await tests.RunAsync(name, revision, cancellationToken) switch
        {
            JourneyTestRunResult.Ran ran => Results.Json(TestRunJson(ran.Run)),
            JourneyTestRunResult.RevisionNotFound missing => AdminApiErrors.NotFound($"The journey '{name}' has no revision {missing.Revision}."),
            _ => NoSuchJourney(name),
        };
    }

    internal static object TestRunJson(JourneyTestRun run) => new
    {
        name = run.JourneyName,
        revision = run.Revision,
        passed = run.Passed,
        passedCount = run.Scenarios.Count(s => s.Passed),
        failedCount = run.Failed.Count,
        problems = run.Problems,
        scenarios = run.Scenarios.Select(TestResultJson).ToList(),
    };

    private static object TestResultJson(JourneyTestScenarioResult s) => new
    {
        name = s.Name,
        passed = s.Passed,
        end = s.End switch
        {
            JourneyTestEnd.Success => "success", JourneyTestEnd.Failure => "failure", JourneyTestEnd.Step => "step", _ => "notRun",
        },
        steps = s.Steps,
        divergedAtStep = s.DivergedAtStep,
        divergedAtNodeId = s.DivergedAtNodeId,
        reason = s.Reason,
        path = s.Path.Select(p => new { journey = p.JourneyName, nodeId = p.NodeId, outcome = p.Outcome }).ToList(),
    };

    private static async Task<IResult> ListAsync(JourneyAdminService admin, CancellationToken cancellationToken)
    {
        var overviews = await admin.ListAsync(cancellationToken);
        return Results.Json(overviews.Select(o => new
        {
            name = o.Summary.Name,
            description = o.Summary.Description,
            revision = o.Summary.CurrentRevision,
            liveRevision = o.Summary.LiveRevision,
            draftRevision = o.Summary.DraftRevision,
            enabled = o.Summary.Enabled,
            realmDefault = o.Summary.IsRealmDefault,
            created = o.Summary.CreatedAt,
            updated = o.Summary.UpdatedAt,
            validationErrors = o.ValidationErrors,
            validationWarnings = o.ValidationWarnings,
        }));
    }

    /// <summary>The newest revision (the draft when there is one), with its revision as the ETag that PUT and publish take.</summary>
    private static async Task<IResult> GetAsync(string name, HttpContext http, JourneyStore store, JourneyAdminService admin, NodeCatalog catalog,
        CancellationToken cancellationToken)
    {
        var stored = await store.GetLatestAsync(name, cancellationToken);
        if (stored is null) return NoSuchJourney(name);
        http.Response.Headers.ETag = ETagOf(stored.Revision);
        return Results.Text(FrodoJourneyWriter.WriteSingle(await admin.WithScriptsAsync(stored.Journey, cancellationToken), catalog), JsonContentType);
    }

    /// <summary>
    /// Creates the journey when it does not exist; otherwise saves a new revision, but only on top of the
    /// revision the client read (If-Match or ?revision=): a blind overwrite would silently drop someone
    /// else's change, so it is refused (428), and a stale one answers 409. The new revision goes live at once,
    /// unless <c>?draft=true</c> asks for a draft (then end users keep the live revision until it is published).
    /// </summary>
    private static async Task<IResult> PutAsync(string name, HttpContext http, JourneyAdminService admin, JourneyStore store,
        CancellationToken cancellationToken)
    {
        if (ReadBasedOnRevision(http.Request, out var basedOn) is { } revisionProblem) return revisionProblem;
        var draft = false;
        if (http.Request.Query.TryGetValue("draft", out var draftValue) && !bool.TryParse(draftValue.ToString(), out draft))
            return AdminApiErrors.BadRequest($"?draft must be true or false; '{draftValue}' is not.");

        var body = await AdminApi.ReadBodyAsync(http.Request);
        if (AdminApiErrors.Refusal(body, "The request body must be a frodo single-journey export (JSON); it is empty.") is { } refused)
            return refused;
        var parsed = (RequestJsonBody.Parsed)body;
        if (IsMultiJourneyExport(parsed.Root))
            return AdminApiErrors.BadRequest("PUT takes a single-journey export ({\"tree\": …}); use POST /admin/api/journeys/import for a multi-journey export.");
        var (journeys, errors) = admin.Parse(parsed.Text);
        if (errors.Count > 0) return AdminApiErrors.BadRequest("The journey export is not valid.", errors);
        var journey = journeys[0];
        if (!string.Equals(journey.Name, name, StringComparison.Ordinal))
            return AdminApiErrors.BadRequest($"The export is of the journey '{journey.Name}' but the URL names '{name}'; rename a journey in the studio, not with PUT.",
                [new JourneyFormatError("$.tree._id", $"expected '{name}' (the name in the URL), found '{journey.Name}'")]);

        var actor = AdminApiActor.Of(http);
        var existing = await store.GetLatestAsync(name, cancellationToken);
        if (existing is null && draft)
            return AdminApiErrors.NotFound($"There is no journey named '{name}' to save a draft of; create it with PUT without ?draft=true.");
        if (existing is null)
        {
            var created = await admin.CreateAsync(journey, actor, cancellationToken);
            if (created is SaveResult.Saved saved)
            {
                http.Response.Headers.ETag = ETagOf(saved.Revision);
                return Results.Json(new { name = journey.Name, revision = saved.Revision, created = true },
                    statusCode: StatusCodes.Status201Created);
            }
            return Refused(created, name);
        }

        if (basedOn is null)
            return AdminApiErrors.Error(StatusCodes.Status428PreconditionRequired,
                $"The journey '{existing.Journey.Name}' exists; say which revision your change is based on with If-Match: \"{existing.Revision}\" or ?revision={existing.Revision}.",
                new Dictionary<string, object?> { ["currentRevision"] = existing.Revision });

        var result = draft
            ? await admin.SaveDraftAsync(journey, basedOn.Value, actor, "Draft saved through the admin API", cancellationToken)
            : await admin.SaveAsync(journey, basedOn.Value, actor, "Saved through the admin API", cancellationToken);
        if (result is SaveResult.Saved updated)
        {
            http.Response.Headers.ETag = ETagOf(updated.Revision);
            return Results.Json(new { name = existing.Journey.Name, revision = updated.Revision, created = false, draft });
        }
        return Refused(result, name);
    }

    /// <summary>
    /// Makes the draft named by If-Match live. The ETag must be the current draft's revision: publishing something else
    /// than what the client looked at would put unseen changes in front of users (412; 409 when there is no draft at all).
    /// A draft with errors is refused with its findings (422); warnings are returned with the success.
    /// </summary>
    private static async Task<IResult> PublishAsync(string name, HttpContext http, JourneyAdminService admin, JourneyTestService tests,
        CancellationToken cancellationToken)
    {
        if (ReadBasedOnRevision(http.Request, out var revision) is { } revisionProblem) return revisionProblem;
        if (revision is null)
            return AdminApiErrors.Error(StatusCodes.Status428PreconditionRequired,
                "Say which draft you publish with If-Match: \"<draft revision>\" (the ETag of GET /admin/api/journeys/{name}).");
        var result = await admin.PublishAsync(name, revision.Value, AdminApiActor.Of(http), cancellationToken);
        return result switch
        {
            PublishResult.Published published => Results.Json(new
            {
                name,
                revision = published.Revision,
                liveRevision = published.Revision,
                warnings = published.Warnings.Select(Finding).ToList(),
            }),
            PublishResult.Refused refused => AdminApiErrors.Error(StatusCodes.Status422UnprocessableEntity,
                $"Revision {refused.Revision} of '{name}' was not published: it has {Plural(refused.Errors.Count(), "error")}. Fix them and save a new draft.",
                new Dictionary<string, object?>
                {
                    ["revision"] = refused.Revision,
                    ["findings"] = refused.Findings.Select(Finding).ToList(),
                    // Empty when validation refused it first: the tests run only on a draft without errors.
                    ["failingTests"] = (tests.LastPublishRun(name, refused.Revision)?.Failed ?? []).Select(TestResultJson).ToList(),
                }),
            PublishResult.NotCurrentDraft { DraftRevision: null } none => AdminApiErrors.Conflict(
                $"The journey '{name}' has no draft to publish; revision {none.LiveRevision} is live.",
                new Dictionary<string, object?> { ["draftRevision"] = null, ["liveRevision"] = none.LiveRevision }),
            PublishResult.NotCurrentDraft stale => AdminApiErrors.Error(StatusCodes.Status412PreconditionFailed,
                $"Revision {revision} is not the current draft of '{name}'; the draft is revision {stale.DraftRevision}. Look at it and publish that revision.",
                new Dictionary<string, object?> { ["draftRevision"] = stale.DraftRevision, ["liveRevision"] = stale.LiveRevision }),
            _ => NoSuchJourney(name),
        };
    }

    /// <summary><c>?from=N&amp;to=M</c> (defaults: the live revision and the newest one): what changed, node by node.</summary>
    private static async Task<IResult> DiffAsync(string name, HttpContext http, JourneyAdminService admin, CancellationToken cancellationToken)
    {
        if (ReadRevisionParameter(http.Request, "from", out var from) is { } fromProblem) return fromProblem;
        if (ReadRevisionParameter(http.Request, "to", out var to) is { } toProblem) return toProblem;
        var result = await admin.DiffAsync(name, from, to, cancellationToken);
        return result switch
        {
            RevisionDiffResult.Compared compared => Results.Json(new
            {
                name = compared.JourneyName,
                from = compared.From,
                to = compared.To,
                identical = compared.Diff.IsEmpty,
                nodes = compared.Diff.Nodes.Select(n => new
                {
                    nodeId = n.NodeId,
                    change = n.Kind switch { NodeChangeKind.Added => "added", NodeChangeKind.Removed => "removed", _ => "changed" },
                    nodeType = n.NodeType,
                    displayName = n.DisplayName,
                    pageId = n.PageId,
                    moved = n.Moved,
                    properties = n.Properties.Select(p => new { property = p.Property, before = p.Before, after = p.After }).ToList(),
                }).ToList(),
                connections = compared.Diff.Connections.Select(c => new { nodeId = c.NodeId, outcome = c.Outcome, before = c.Before, after = c.After }).ToList(),
                journey = compared.Diff.Journey.Select(p => new { property = p.Property, before = p.Before, after = p.After }).ToList(),
            }),
            RevisionDiffResult.RevisionNotFound missing => AdminApiErrors.NotFound($"The journey '{name}' has no revision {missing.Revision}."),
            _ => NoSuchJourney(name),
        };
    }

    private static IResult? ReadRevisionParameter(HttpRequest request, string parameter, out int? revision)
    {
        revision = null;
        if (!request.Query.TryGetValue(parameter, out var value)) return null;
        if (value.Count != 1 || !int.TryParse(value.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed < 1)
            return AdminApiErrors.BadRequest($"?{parameter} must be one revision number (1 or more); '{value}' is not.");
        revision = parsed;
        return null;
    }

    private static object Finding(ValidationFinding f) => new
    {
        severity = f.Severity == FindingSeverity.Error ? "error" : "warning",
        code = f.Code,
        message = f.Message,
        nodeId = f.NodeId,
        outcome = f.Outcome,
    };

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    private static async Task<IResult> DeleteAsync(string name, HttpContext http, JourneyAdminService admin, CancellationToken cancellationToken) =>
        await admin.DeleteAsync(name, AdminApiActor.Of(http), cancellationToken) ? Results.NoContent() : NoSuchJourney(name);

    private static async Task<IResult> ImportAsync(HttpContext http, JourneyAdminService admin, CancellationToken cancellationToken)
    {
        var body = await AdminApi.ReadBodyAsync(http.Request);
        if (AdminApiErrors.Refusal(body, "The request body must be a frodo single- or multi-journey export (JSON); it is empty.") is { } refused)
            return refused;
        var result = await admin.ImportAsync(((RequestJsonBody.Parsed)body).Text, AdminApiActor.Of(http), cancellationToken);
        return result switch
        {
            JourneyImportResult.Rejected rejected => AdminApiErrors.BadRequest(
                $"The export was not imported ({rejected.Errors.Count} {(rejected.Errors.Count == 1 ? "problem" : "problems")}); nothing was saved.",
                rejected.Errors),
            JourneyImportResult.Imported imported => Results.Json(new
            {
                imported = imported.Journeys.Select(j => new { name = j.Name, revision = j.Revision, created = j.Created }).ToList(),
            }),
            _ => throw new InvalidOperationException($"Unexpected import result {result}."),
        };
    }

    private static async Task<IResult> ExportAsync(string name, HttpContext http, JourneyAdminService admin, CancellationToken cancellationToken)
    {
        var export = await admin.ExportWithDependenciesAsync(name, cancellationToken);
        if (export is null) return NoSuchJourney(name);
        var fileName = $"{export.JourneyNames[0]}.journeys.json";
        http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = fileName }.ToString();
        if (export.MissingReferences.Count > 0)
            http.Response.Headers["X-Missing-Inner-Journeys"] = string.Join(", ", export.MissingReferences.Select(Uri.EscapeDataString));
        return Results.Text(export.Json, JsonContentType);
    }

    private static async Task<IResult> ValidationAsync(string name, JourneyAdminService admin, CancellationToken cancellationToken)
    {
        var report = await admin.ValidateAsync(name, cancellationToken);
        if (report is null) return NoSuchJourney(name);
        return Results.Json(new
        {
            name = report.Name,
            revision = report.Revision,
            valid = report.ErrorCount == 0,
            errorCount = report.ErrorCount,
            warningCount = report.WarningCount,
            findings = report.Findings.Select(Finding).ToList(),
        });
    }

    private static IResult NoSuchJourney(string name) => AdminApiErrors.NotFound($"There is no journey named '{name}'.");

    private static IResult Refused(SaveResult result, string name) => result switch
    {
        SaveResult.Conflict conflict => AdminApiErrors.Conflict(
            $"The journey '{name}' was changed meanwhile: it is at revision {conflict.CurrentRevision}. Read it again, apply your change and save based on that revision.",
            new Dictionary<string, object?> { ["currentRevision"] = conflict.CurrentRevision }),
        SaveResult.NameTaken taken => AdminApiErrors.Conflict($"The name is taken by the journey '{taken.ExistingName}'.",
            new Dictionary<string, object?> { ["existingName"] = taken.ExistingName }),
        SaveResult.InvalidName invalid => AdminApiErrors.BadRequest(invalid.Message, [new JourneyFormatError("$.tree._id", invalid.Message)]),
        SaveResult.NotFound => NoSuchJourney(name),
        _ => AdminApiErrors.Error(StatusCodes.Status500InternalServerError, $"The journey '{name}' was not saved ({result})."),
    };

    private static string ETagOf(int revision) => $"\"{revision.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>The revision from If-Match (an ETag this API gave out) or ?revision=; a problem result when they are malformed or disagree.</summary>
    private static IResult? ReadBasedOnRevision(HttpRequest request, out int? revision)
    {
        revision = null;
        int? fromHeader = null, fromQuery = null;
        var ifMatch = request.Headers.IfMatch.ToString().Trim();
        if (ifMatch.Length > 0)
        {
            var tag = ifMatch.StartsWith("W/", StringComparison.Ordinal) ? ifMatch[2..] : ifMatch;
            if (tag.Length < 3 || tag[0] != '"' || tag[^1] != '"'
                || !int.TryParse(tag[1..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed < 1)
                return AdminApiErrors.BadRequest($"If-Match must be one ETag this API gave out, such as \"3\"; '{ifMatch}' is not.");
            fromHeader = parsed;
        }
        if (request.Query.TryGetValue("revision", out var query))
        {
            if (!int.TryParse(query.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed < 1)
                return AdminApiErrors.BadRequest($"?revision must be a revision number (1 or more); '{query}' is not.");
            fromQuery = parsed;
        }
        if (fromHeader is not null && fromQuery is not null && fromHeader != fromQuery)
            return AdminApiErrors.BadRequest($"If-Match says revision {fromHeader} but ?revision says {fromQuery}; give one of them.");
        revision = fromHeader ?? fromQuery;
        return null;
    }

    private static bool IsMultiJourneyExport(System.Text.Json.JsonElement root) =>
        root.ValueKind == System.Text.Json.JsonValueKind.Object && root.TryGetProperty("trees", out _) && !root.TryGetProperty("tree", out _);
}
