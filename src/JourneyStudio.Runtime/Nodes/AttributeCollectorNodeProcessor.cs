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
/// <c>validateInputs</c>) carrying its policies from the <see cref="IdentitySchema"/>. Each <c>value</c> is prefilled, as AM
/// does for ProgressiveProfile and UpdateProfile: with what shared <c>objectAttributes</c> holds, else with the stored value
/// of the journey's user (found by <c>identityAttribute</c> as every identity node finds it: a username in shared state, or
/// the signed-in user once Get Session Data has put <c>userName</c> there). A stranger's form (registration) starts empty. The answers go to shared <c>objectAttributes</c> by path
/// (<c>preferences/marketing</c> → <c>objectAttributes.preferences.marketing</c>). A missing required value or (with
/// <c>validateInputs</c>) a failed policy sends the callbacks again with <c>failedPolicies</c> and the values as given; so does a
/// <c>validateOnly</c> submission, which never moves on.
/// </summary>
public sealed class AttributeCollectorNodeProcessor(IdentitySchema schema, ManagedUserAttributes users) : INodeProcessor<AttributeCollectorConfig>, IOptimisticNodeProcessor
{
    public string TypeId => NodeTypeIds.AttributeCollector;

    public async ValueTask<NodeResult> ProcessAsync(NodeContext context, AttributeCollectorConfig config)
    {
        var attributes = config.AttributesToCollect.Select(name => schema.Find(name)
            ?? throw new NodeProcessException($"Attribute Collector: '{name}' is not an attribute of the identity schema.")).ToList();
        var stored = context.SharedState.GetOrCreateObject(SharedStateKeys.ObjectAttributes);

        var submitted = context.Callbacks?.Where(IsAttributeInput).ToList();
        if (submitted is null || submitted.Count != attributes.Count)
        {
            var user = await JourneyUser.FindAsync(context, users, config.IdentityAttribute);
            return NodeResult.Send(attributes.Select(a => Build(a, config, Prefill(stored, user, a), [])).ToList());
        }

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
            return NodeResult.Send(attributes.Select((a, i) => Build(a, config, submitted[i].GetInput("") ?? Prefill(stored, null, a), failures[i])).ToList());

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

    /// <summary>
    /// The value the journey has collected already (shared state), else the user's stored value, else the empty value of the
    /// attribute's type. A value of the wrong type is not shown.
    /// </summary>
    private static JsonElement Prefill(JsonObject stored, ManagedUser? user, IdentityAttribute attribute)
    {
        if (Fitting(AttributePath.Read(stored, attribute.Name), attribute) is { } collected) return collected;
        if (user is not null && Fitting(user.Get(attribute.Name), attribute) is { } current) return current;
        return attribute.Kind switch
        {
            AttributeInputKind.Boolean => JsonSerializer.SerializeToElement(false),
            AttributeInputKind.Number => JsonSerializer.SerializeToElement<object?>(null),
            _ => JsonSerializer.SerializeToElement(""),
        };
    }

    /// <summary>
    /// The value as the attribute's callback carries it, or null when it does not fit. Custom attributes are stored as text, so
    /// text that reads as the attribute's number or boolean is taken as one.
    /// </summary>
    private static JsonElement? Fitting(JsonNode? existing, IdentityAttribute attribute)
    {
        var kind = existing?.GetValueKind();
        var text = kind == JsonValueKind.String ? existing!.GetValue<string>() : null;
        return attribute.Kind switch
        {
            AttributeInputKind.Boolean when kind is JsonValueKind.True or JsonValueKind.False => JsonSerializer.SerializeToElement(existing),
            AttributeInputKind.Boolean when bool.TryParse(text, out var flag) => JsonSerializer.SerializeToElement(flag),
            AttributeInputKind.Number when kind is JsonValueKind.Number => JsonSerializer.SerializeToElement(existing),
            AttributeInputKind.Number when decimal.TryParse(text, System.Globalization.NumberStyles.Float,
                System.Globalization.CultureInfo.InvariantCulture, out var number) => JsonSerializer.SerializeToElement(number),
            AttributeInputKind.String when text is not null => JsonSerializer.SerializeToElement(text),
            _ => null,
        };
    }

    private static readonly JsonElement EmptyObject = JsonSerializer.SerializeToElement(new JsonObject());
}
