using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Journeys.Validation;
using JourneyStudio.Web.Designer;

namespace JourneyStudio.Web.Tests.Designer;

/// <summary>The designer validates a journey once per content and per set of other journeys it knows, not once per redraw.</summary>
public sealed class ValidationMemoTests
{
    private readonly ValidationMemo _memo = new();
    private readonly HashSet<string> _unread = new(StringComparer.OrdinalIgnoreCase);
    private int _runs;

    private IReadOnlyList<ValidationFinding> Validate(Journey journey, int context, string? unreadName = null) =>
        _memo.Validate(journey, context, _unread, () =>
        {
            _runs++;
            if (unreadName is not null) _unread.Add(unreadName);
            return JourneyValidator.Validate(journey, NodeCatalog.Default, _ => null);
        });

    [Fact]
    public void SameJourneyAndContext_IsValidatedOnce()
    {
        var journey = TestJourneys.Sample();

        var first = Validate(journey, 0);
        var again = Validate(journey, 0);

        Assert.Same(first, again);
        Assert.Equal(1, _runs);
    }

    [Fact]
    public void AnEditedJourney_OrOtherJourneysRead_AreValidatedAgain()
    {
        var session = new JourneyEditSession(TestJourneys.Sample(), 1);
        var before = Validate(session.Current, 0);

        session.SetConfig("push", session.Current.FindNode("push")!.Config.With("mandatory", true));
        Validate(session.Current, 0);
        Assert.Equal(2, _runs);

        Validate(session.Current, 1);
        Assert.Equal(3, _runs);

        session.Undo(); // the very journey validated first, but the other journeys known have changed since
        Assert.NotSame(before, Validate(session.Current, 1));
        Assert.Equal(4, _runs);
    }

    [Fact]
    public void ARememberedAnswer_ReportsTheJourneysItCouldNotLookAtAgain()
    {
        var journey = TestJourneys.Sample();
        Validate(journey, 0, unreadName: "Inner");
        _unread.Clear();

        Validate(journey, 0);

        Assert.Equal(1, _runs);
        Assert.Equal(["Inner"], _unread);
    }
}
