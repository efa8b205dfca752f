using System.Globalization;
using System.Security.Cryptography;

namespace JourneyStudio.Runtime.Mfa;

/// <summary>
/// Push number matching (am-protocol 1.6, 4.6): the device shows three numbers (claim <c>n</c>, "12,47,83"),
/// the sign-on page shows the <see cref="Answer"/>, and the user taps the number that matches.
/// </summary>
public sealed record NumberChallenge
{
    /// <summary>How many numbers the device offers.</summary>
    public const int ChoiceCount = 3;

    /// <summary>Smallest number offered.</summary>
    public const int Minimum = 10;

    /// <summary>Largest number offered (two digits, as in AM).</summary>
    public const int Maximum = 99;

    private NumberChallenge(IReadOnlyList<int> choices, int answer)
    {
        Choices = choices;
        Answer = answer;
    }

    /// <summary>Three distinct numbers in ascending order.</summary>
    public IReadOnlyList<int> Choices { get; }

    /// <summary>The number the sign-on page shows; one of <see cref="Choices"/>.</summary>
    public int Answer { get; }

    /// <summary>The claim <c>n</c> value: the choices joined by commas.</summary>
    public string ChoicesClaim => string.Join(',', Choices.Select(n => n.ToString(CultureInfo.InvariantCulture)));

    /// <summary>A new challenge. Sorted, so the position of the answer gives nothing away.</summary>
    public static NumberChallenge Create()
    {
        var picked = new SortedSet<int>();
        while (picked.Count < ChoiceCount)
        {
            picked.Add(RandomNumberGenerator.GetInt32(Minimum, Maximum + 1));
        }

        var choices = picked.ToArray();
        return new NumberChallenge(choices, choices[RandomNumberGenerator.GetInt32(ChoiceCount)]);
    }

    /// <summary>Rebuilds a challenge from stored values (e.g. the claim and the answer kept in journey state).</summary>
    /// <exception cref="ArgumentException">The values do not form a valid challenge; the message says why.</exception>
    public static NumberChallenge FromValues(IEnumerable<int> choices, int answer)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var list = choices.ToArray();
        if (list.Length != ChoiceCount)
        {
            throw new ArgumentException($"A number challenge has {ChoiceCount} numbers, not {list.Length}.", nameof(choices));
        }

        if (list.Any(n => n is < Minimum or > Maximum))
        {
            throw new ArgumentException($"Challenge numbers must be between {Minimum} and {Maximum}.", nameof(choices));
        }

        if (list.Distinct().Count() != ChoiceCount)
        {
            throw new ArgumentException("Challenge numbers must be distinct.", nameof(choices));
        }

        if (!list.Contains(answer))
        {
            throw new ArgumentException($"The answer {answer} is not one of the challenge numbers.", nameof(answer));
        }

        Array.Sort(list);
        return new NumberChallenge(list, answer);
    }

    /// <summary>Parses a claim <c>n</c> value such as "12,47,83" into its numbers.</summary>
    /// <exception cref="FormatException">The text is not three comma-separated numbers.</exception>
    public static IReadOnlyList<int> ParseChoicesClaim(string? claim)
    {
        if (string.IsNullOrWhiteSpace(claim))
        {
            throw new FormatException("The number challenge claim is empty.");
        }

        var parts = claim.Split(',');
        var numbers = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]))
            {
                throw new FormatException($"The number challenge claim has a non-numeric entry '{parts[i]}'.");
            }
        }

        return numbers;
    }

    /// <summary>True when the number the user picked (as the device reported it) is the answer.</summary>
    public bool IsAnsweredBy(string? challengeResponse) =>
        int.TryParse(challengeResponse?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var picked)
        && picked == Answer;
}
