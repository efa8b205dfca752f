using System.Text.Json;
using System.Text.Json.Nodes;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Catalog.Nodes;
using JourneyStudio.Runtime.Callbacks;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Identities;

namespace JourneyStudio.Runtime.Nodes;

/// <summary>
/// Attribute Collector: one String/Boolean/NumberAttributeInputCallback per attribute, typed, titled and (with
/// <c>validateInputs</c>) carrying its policies from the <see cref="IdentitySchema"/>; values already in shared
/// <c>objectAttributes</c> are prefilled. The answers go to shared <c>objectAttributes</c> by path
/// (<c>preferences/marketing</c> → <c>objectAttributes.preferences.marketing</c>). A missing required value or (with
/// <c>validateInputs</c>) a failed policy sends the callbacks again with <c>failedPolicies</c> and the values as given; so does a
/// <c>validateOnly</c> submission, which never moves on.
/// </summary>
public sealed class AttributeCollectorNodeProcessor(IdentitySchema schema) : INodeProcessor<AttributeCollectorConfig>, IOptimisticNodeProcessor
{
    public string TypeId => NodeTypeIds.AttributeCollector;

    public async ValueTask<NodeResult> ProcessAsync(NodeContext context, AttributeCollectorConfig config)
    {
        var attributes = config.AttributesToCollect.Select(name => schema.Find(name)
            ?? throw new NodeProcessException($"Attribute Collector: '{name}' is not an attribute of the identity schema.")).ToList();
        var stored = context.SharedState.GetOrCreateObject(SharedStateKeys.ObjectAttributes);

        var submitted = context.Callbacks?.Where(IsAttributeInput).ToList();
        if (submitted is null || submitted.Count != attributes.Count)
            return NodeResult.Send(attributes.Select(a => Build(a, config, Prefill(stored, a), [])).ToList());

        var policyContext = new PolicyContext { OtherAttributes = stored, CancellationToken = context.CancellationToken };
        var failures = new List<IReadOnlyList<string>>();
        foreach (var (attribute, callback) in attributes.Zip(submitted))
        {
            var value = callback.GetInput("");
            failures.Add(config.ValidateInputs
                ? await IdentitySchema.ValidateAsync(attribute, value, config.Required, policyContext)
                : config.Required && RequiredPolicy.IsMissing(value) ? [RequiredPolicy.Instance.FailureText()] : []);
        }
        if (failures.Any(f => f.Count > 0) || submitted.Any(c => c.IsValidateOnly))
            return NodeResult.Send(attributes.Select((a, i) => Build(a, config, submitted[i].GetInput("") ?? Prefill(stored, a), failures[i])).ToList());

        foreach (var (attribute, callback) in attributes.Zip(submitted))
            if (callback.GetInput("") is { } value && !RequiredPolicy.IsMissing(value))
                AttributePath.Write(stored, attribute.Name, JsonSerializer.SerializeToNode(value));
        return NodeResult.Goto(AttributeCollectorDescriptor.Outcome);
    }

    private static bool IsAttributeInput(Callback c) =>
        c.Type is Callback.StringAttributeInputType or Callback.BooleanAttributeInputType or Callback.NumberAttributeInputType;

    private static Callback Build(IdentityAttribute attribute, AttributeCollectorConfig config, JsonElement value, IReadOnlyList<string> failed) =>
        Callback.AttributeInput(attribute.Kind, attribute.Name, attribute.Title, config.Required,
            config.ValidateInputs ? IdentitySchema.PolicyDocument(attribute, config.Required) : EmptyObject, failed, value);

    /// <summary>The value the user has already (in shared state), else the empty value of the attribute's type.</summary>
    private static JsonElement Prefill(JsonObject stored, IdentityAttribute attribute)
    {
        var existing = AttributePath.Read(stored, attribute.Name);
        var kind = existing?.GetValueKind();
        var fits = attribute.Kind switch
        {
            AttributeInputKind.Boolean => kind is JsonValueKind.True or JsonValueKind.False,
            AttributeInputKind.Number => kind is JsonValueKind.Number,
            _ => kind is JsonValueKind.String,
        };
        if (fits) return JsonSerializer.SerializeToElement(existing);
        return attribute.Kind switch
        {
            AttributeInputKind.Boolean => JsonSerializer.SerializeToElement(false),
            AttributeInputKind.Number => JsonSerializer.SerializeToElement<object?>(null),
            _ => JsonSerializer.SerializeToElement(""),
        };
    }

    private static readonly JsonElement EmptyObject = JsonSerializer.SerializeToElement(new JsonObject());
}
