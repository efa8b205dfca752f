using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Runtime.Engine;

namespace JourneyStudio.Runtime.Tests.Support;

/// <summary>
/// A processor defined inline by a test, standing in for the processor of a real node type: the engine runs only the
/// types the catalogue describes, so a test double takes a real type id and gets that type's bound config record.
/// </summary>
public sealed class DelegateProcessor(string typeId, Func<NodeContext, object, NodeResult> process) : INodeProcessor
{
    /// <summary>A stand-in that ignores the node's config.</summary>
    public DelegateProcessor(string typeId, Func<NodeContext, NodeResult> process) : this(typeId, (context, _) => process(context))
    {
    }

    public string TypeId => typeId;

    public Type ConfigType { get; } = (NodeCatalog.Default.Find(typeId)
        ?? throw new ArgumentException($"'{typeId}' is not a node type of the catalogue; stand in for a real one.", nameof(typeId))).ConfigType;

    public ValueTask<NodeResult> ProcessAsync(NodeContext context, object config) => ValueTask.FromResult(process(context, config));
}
