using System.Globalization;
using JourneyStudio.Journeys.Frodo;

namespace JourneyStudio.Web.Api;

/// <summary>
/// The query string of an admin API list (<c>/audit</c>, <c>/identities</c>): only the parameters the endpoint names, each
/// at most once; an empty value counts as not given. Every problem is collected, for one 400 that names them all.
/// </summary>
internal sealed class AdminApiQuery
{
    private readonly IQueryCollection _parameters;

    /// <param name="noun">What the endpoint calls its parameters in messages ("filter", "parameter").</param>
    public AdminApiQuery(IQueryCollection parameters, IReadOnlyCollection<string> known, string noun = "parameter")
    {
        _parameters = parameters;
        foreach (var (key, values) in parameters)
        {
            if (!known.Contains(key, StringComparer.Ordinal))
                Errors.Add(new JourneyFormatError($"?{key}", $"unknown {noun}; the {noun}s are {string.Join(", ", known)}"));
            else if (values.Count > 1)
                Errors.Add(new JourneyFormatError($"?{key}", $"given more than once; give each {noun} once"));
        }
    }

    public List<JourneyFormatError> Errors { get; } = [];

    public string? Text(string name) =>
        _parameters.TryGetValue(name, out var values) && values.Count == 1 && !string.IsNullOrEmpty(values[0]) ? values[0] : null;

    public int? Number(string name)
    {
        if (Text(name) is not { } text) return null;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number)) return number;
        Errors.Add(new JourneyFormatError($"?{name}", $"'{text}' is not a whole number"));
        return null;
    }
}
