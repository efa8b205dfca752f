using JourneyStudio.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace JourneyStudio.Runtime.Tests.Persistence;

public abstract partial class JourneyStoreTests
{
    [Fact]
    public async Task Save_BasedOnCurrentRevision_AddsNextRevisionAndKeepsOldOnes()
    {
        var first = await CreateAsync("Login");
        var second = TestJourneys.Edited(first, "second");
        var third = TestJourneys.Edited(second, "third");

        _db.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(new SaveResult.Saved(2), await Store.SaveAsync(second, 1, "bob", "more retries"));
        _db.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(new SaveResult.Saved(3), await Store.SaveAsync(third, 2, Admin));

        var current = await GetExistingAsync("Login");
        Assert.Equal(3, current.Revision);
        TestJourneys.AssertSame(third, current.Journey);
        TestJourneys.AssertSame(first, (await Store.GetRevisionAsync("Login", 1))!.Journey);
        TestJourneys.AssertSame(second, (await Store.GetRevisionAsync("Login", 2))!.Journey);
        Assert.Null(await Store.GetRevisionAsync("Login", 4));

        var history = await Store.ListRevisionsAsync("Login");
        Assert.Equal(new[] { 3, 2, 1 }, history!.Select(r => r.Revision));
        Assert.Equal(new[] { "alice", "bob", "alice" }, history!.Select(r => r.SavedBy));
        Assert.Equal("more retries", history![1].Note);
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 10, 10, 0, TimeSpan.Zero), history![0].SavedAt);
    }

    [Fact]
    public async Task Save_BasedOnOldRevision_ConflictWithCurrentRevisionAndContentUnchanged()
    {
        var first = await CreateAsync("Login");
        var second = TestJourneys.Edited(first, "second");
        Assert.Equal(new SaveResult.Saved(2), await Store.SaveAsync(second, 1, Admin));

        var result = await Store.SaveAsync(TestJourneys.Edited(first, "stale edit"), 1, "bob");

        Assert.Equal(new SaveResult.Conflict(2), result);
        var current = await GetExistingAsync("Login");
        Assert.Equal(2, current.Revision);
        TestJourneys.AssertSame(second, current.Journey);
        Assert.Equal(2, (await Store.ListRevisionsAsync("Login"))!.Count);
    }

    [Fact]
    public async Task Save_UnknownJourney_NotFound()
    {
        Assert.Equal(new SaveResult.NotFound(), await Store.SaveAsync(TestJourneys.Login("Nowhere"), 1, Admin));
    }

    [Fact]
    public async Task Save_NameInOtherCase_SavesUnderStoredSpelling()
    {
        var first = await CreateAsync("Login");

        Assert.Equal(new SaveResult.Saved(2), await Store.SaveAsync(TestJourneys.Edited(first, "x") with { Name = "login" }, 1, Admin));

        Assert.Equal("Login", (await GetExistingAsync("Login")).Journey.Name);
    }

    [Fact]
    public async Task Save_ConcurrentSavesOnSameRevision_ExactlyOneWinsOthersConflict()
    {
        var first = await CreateAsync("Login");
        var edits = Enumerable.Range(1, 8).Select(i => TestJourneys.Edited(first, $"edit {i}")).ToList();

        var results = await Task.WhenAll(edits.Select(edit => Task.Run(() => Store.SaveAsync(edit, 1, Admin))));

        Assert.Single(results, r => r is SaveResult.Saved(2));
        Assert.Equal(7, results.Count(r => r is SaveResult.Conflict(2)));
        var winner = edits[Array.FindIndex(results, r => r is SaveResult.Saved)];
        TestJourneys.AssertSame(winner, (await GetExistingAsync("Login")).Journey);
        Assert.Equal(2, (await Store.ListRevisionsAsync("Login"))!.Count);
    }

    [Fact]
    public async Task Database_TwoContextsUpdatingFromSameRevision_SecondWriteRejectedByDatabase()
    {
        await CreateAsync("Login");
        await using var first = _db.CreateContext();
        await using var second = _db.CreateContext();
        // Both writers read revision 1 before either writes: the read-then-check cannot see the race.
        var seenByFirst = await first.Journeys.SingleAsync(j => j.Name == "Login");
        var seenBySecond = await second.Journeys.SingleAsync(j => j.Name == "Login");

        seenByFirst.CurrentRevision = 2;
        seenByFirst.Json = "{}";
        await first.SaveChangesAsync();
        seenBySecond.CurrentRevision = 2;
        seenBySecond.Json = "{\"lost\":true}";

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
        Assert.Equal("{}", _db.QueryScalar("SELECT \"Json\" FROM \"Journeys\""));
    }

    [Fact]
    public async Task Database_SecondRevisionRowWithSameNumber_RejectedByUniqueIndex()
    {
        await CreateAsync("Login");
        await using var context = _db.CreateContext();
        var journeyId = await context.Journeys.Select(j => j.Id).SingleAsync();

        context.JourneyRevisions.Add(new JourneyRevisionRecord { JourneyId = journeyId, Revision = 1, Json = "{}", SavedBy = "mallory" });

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync());
        Assert.True(error.IsUniqueViolation(), error.InnerException?.Message);
    }
}
