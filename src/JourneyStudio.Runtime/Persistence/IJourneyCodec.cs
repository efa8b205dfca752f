using JourneyStudio.Journeys.Model;

namespace JourneyStudio.Runtime.Persistence;

/// <summary>
/// Turns a journey into the text stored per revision and back. The studio stores the frodo
/// single-journey export format, so a stored revision is also an export.
/// </summary>
public interface IJourneyCodec
{
    string Serialize(Journey journey);

    /// <summary>Reads text written by <see cref="Serialize"/>; throws on text that is not a journey.</summary>
    Journey Deserialize(string json);
}
