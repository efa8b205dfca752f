using JourneyStudio.Runtime.Engine;

namespace JourneyStudio.Runtime.Tests.Support;

/// <summary>A processor defined inline by a test.</summary>
public sealed class DelegateProcessor(string typeId, Func<NodeContext, NodeResult> process) : INodeProcessor
{
    public string TypeId => typeId;

    public ValueTask<NodeResult> ProcessAsync(NodeContext context) => ValueTask.FromResult(process(context));
}
