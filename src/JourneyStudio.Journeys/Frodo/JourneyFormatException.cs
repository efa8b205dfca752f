namespace JourneyStudio.Journeys.Frodo;

/// <summary>
/// One problem in a journey export file. <see cref="Path"/> is a JSON path into the file such as
/// <c>$.tree.nodes['0e16…'].x</c>; <see cref="Message"/> says what is wrong and what was expected.
/// <see cref="Line"/> and <see cref="BytePositionInLine"/> (1-based) are set only for JSON syntax errors.
/// </summary>
public sealed record JourneyFormatError(string Path, string Message)
{
    public long? Line { get; init; }

    public long? BytePositionInLine { get; init; }

    public override string ToString() => $"{Path}: {Message}";
}

/// <summary>
/// A journey export could not be imported. <see cref="Errors"/> lists every problem found, not only
/// the first, so that a user can fix a file in one pass.
/// </summary>
public sealed class JourneyFormatException : Exception
{
    public JourneyFormatException(IReadOnlyList<JourneyFormatError> errors)
        : base(Describe(errors)) => Errors = errors;

    public IReadOnlyList<JourneyFormatError> Errors { get; }

    private static string Describe(IReadOnlyList<JourneyFormatError> errors) =>
        errors.Count == 1
            ? $"The journey export is not valid: {errors[0]}"
            : $"The journey export is not valid ({errors.Count} problems):{Environment.NewLine}"
              + string.Join(Environment.NewLine, errors.Select(e => $"- {e}"));
}
