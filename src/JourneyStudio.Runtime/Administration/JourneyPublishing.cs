using JourneyStudio.Journeys.Validation;
using JourneyStudio.Runtime.Persistence;

namespace JourneyStudio.Runtime.Administration;

/// <summary>
/// A check a draft must pass before it goes live, besides validation (which always runs first). Journey tests
/// (scenarios recorded for a journey) plug in here: register an implementation and publishing runs it; an error
/// finding refuses the publish, a warning is shown and asked about.
/// </summary>
public interface IJourneyPublishCheck
{
    ValueTask<IReadOnlyList<ValidationFinding>> CheckAsync(StoredJourney draft, CancellationToken cancellationToken);
}

/// <summary>The outcome of publishing a draft.</summary>
public abstract record PublishResult
{
    private PublishResult() { }

    /// <summary>The draft is live now; <paramref name="Warnings"/> are what validation and the checks warned about.</summary>
    public sealed record Published(int Revision, IReadOnlyList<ValidationFinding> Warnings) : PublishResult;

    /// <summary>Nothing changed: the draft has errors (<paramref name="Findings"/> lists every finding, errors first).</summary>
    public sealed record Refused(int Revision, IReadOnlyList<ValidationFinding> Findings) : PublishResult
    {
        public IEnumerable<ValidationFinding> Errors => Findings.Where(f => f.Severity == FindingSeverity.Error);
    }

    /// <summary>
    /// The revision named is not the current draft (<paramref name="DraftRevision"/>: the current one, null when there is
    /// none; <paramref name="LiveRevision"/>: the live one, when known).
    /// </summary>
    public sealed record NotCurrentDraft(int? DraftRevision, int? LiveRevision) : PublishResult;

    public sealed record NotFound : PublishResult;
}

/// <summary>The outcome of comparing two revisions of a journey.</summary>
public abstract record RevisionDiffResult
{
    private RevisionDiffResult() { }

    public sealed record Compared(string JourneyName, int From, int To, JourneyStudio.Journeys.Model.JourneyDiff Diff) : RevisionDiffResult;

    public sealed record NotFound : RevisionDiffResult;

    /// <summary>The journey has no revision <paramref name="Revision"/>.</summary>
    public sealed record RevisionNotFound(int Revision) : RevisionDiffResult;
}
