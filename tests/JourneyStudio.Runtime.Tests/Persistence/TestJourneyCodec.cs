using System.Text.Json;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Runtime.Persistence;

namespace JourneyStudio.Runtime.Tests.Persistence;

/// <summary>
/// A plain JSON codec for the store tests, faithful for what <see cref="TestJourneys"/> builds
/// (no extra tree fields or export sections). The studio plugs in the frodo export codec.
/// </summary>
internal sealed class TestJourneyCodec : IJourneyCodec
{
    public string Serialize(Journey journey) => JsonSerializer.Serialize(new JourneyDto(
        journey.Name, journey.Description, journey.Settings, journey.EntryNodeId,
        journey.Nodes.Select(ToDto).ToList(), journey.StartPosition, journey.SuccessPosition, journey.FailurePosition));

    public Journey Deserialize(string json)
    {
        var dto = JsonSerializer.Deserialize<JourneyDto>(json) ?? throw new JsonException("Not a journey.");
        return new Journey
        {
            Name = dto.Name,
            Description = dto.Description,
            Settings = dto.Settings,
            EntryNodeId = dto.EntryNodeId,
            Nodes = dto.Nodes.Select(FromDto).ToList(),
            StartPosition = dto.StartPosition,
            SuccessPosition = dto.SuccessPosition,
            FailurePosition = dto.FailurePosition,
        };
    }

    private static NodeDto ToDto(JourneyNode node) => new(
        node.Id, node.NodeType, node.DisplayName, node.X, node.Y,
        node.Config.ToDictionary(kv => kv.Key, kv => kv.Value),
        node.Connections.ToDictionary(kv => kv.Key, kv => kv.Value),
        node.Children.Select(ToDto).ToList(), node.NodeVersion);

    private static JourneyNode FromDto(NodeDto dto) => new()
    {
        Id = dto.Id,
        NodeType = dto.NodeType,
        DisplayName = dto.DisplayName,
        X = dto.X,
        Y = dto.Y,
        Config = NodeConfig.From(dto.Config),
        Connections = dto.Connections,
        Children = dto.Children.Select(FromDto).ToList(),
        NodeVersion = dto.NodeVersion,
    };

    private sealed record JourneyDto(
        string Name, string Description, JourneySettings Settings, string EntryNodeId, List<NodeDto> Nodes,
        NodePosition StartPosition, NodePosition SuccessPosition, NodePosition FailurePosition);

    private sealed record NodeDto(
        string Id, string NodeType, string DisplayName, double X, double Y, Dictionary<string, JsonElement> Config,
        Dictionary<string, string> Connections, List<NodeDto> Children, string? NodeVersion);
}
