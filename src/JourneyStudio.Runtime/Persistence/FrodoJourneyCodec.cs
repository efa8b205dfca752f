using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Frodo;
using JourneyStudio.Journeys.Model;

namespace JourneyStudio.Runtime.Persistence;

/// <summary>Stores each revision as a frodo single-journey export, so a stored revision is also a valid export.</summary>
public sealed class FrodoJourneyCodec(NodeCatalog catalog) : IJourneyCodec
{
    public string Serialize(Journey journey) => FrodoJourneyWriter.WriteSingle(journey, catalog);

    public Journey Deserialize(string json) => FrodoJourneyReader.Read(json, catalog).Single();
}
