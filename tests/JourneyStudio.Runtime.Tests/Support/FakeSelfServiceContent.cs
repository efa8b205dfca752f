using JourneyStudio.Runtime.SelfService;

namespace JourneyStudio.Runtime.Tests.Support;

public sealed class FakeSelfServiceContent : ISelfServiceContent
{
    public TermsVersion? Terms { get; set; } =
        new("2.1", "Be nice.", new DateTimeOffset(2025, 2, 1, 8, 30, 0, TimeSpan.Zero), "admin", IsActive: true);

    public List<KbaQuestion> Questions { get; } = [.. SelfServiceDefaults.Questions];

    public ValueTask<TermsVersion?> GetActiveTermsAsync(CancellationToken cancellationToken) => ValueTask.FromResult(Terms);

    public ValueTask<IReadOnlyList<KbaQuestion>> GetQuestionsAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<KbaQuestion>>(Questions.ToList());
}
