using System.Runtime.CompilerServices;
using JourneyStudio.Journeys.Model;

namespace JourneyStudio.Journeys.Catalog;

/// <summary>
/// A node type whose config is the record <typeparamref name="TConfig"/>: its <see cref="NodePropertyAttribute"/> properties
/// are the AM property names, their initializers the defaults, their types the allowed values; the palette, the property
/// panel, validation and the processor all take them from here. Cross-property rules go in <see cref="ValidateRules(TConfig)"/>,
/// outcomes (fixed, or computed from the config as for Scripted Decision) in <see cref="GetOutcomes(TConfig)"/>.
/// </summary>
/// <remarks>
/// A bound record is kept for as long as the stored config instance lives, so a journey revision that is parsed once and
/// kept (the engine's revision cache) binds each node once, however many steps run it.
/// </remarks>
public abstract class NodeDescriptor<TConfig> : NodeDescriptor where TConfig : class, new()
{
    private readonly ConfigSchema _schema;
    private readonly ConditionalWeakTable<NodeConfig, Binding> _bindings = new();

    /// <exception cref="InvalidOperationException">The config record cannot be described (see <see cref="NodePropertyAttribute"/>).</exception>
    protected NodeDescriptor() => _schema = ConfigSchema.For(typeof(TConfig));

    public sealed override IReadOnlyList<ConfigProperty> Properties => _schema.Properties;

    public sealed override Type ConfigType => typeof(TConfig);

    /// <summary>The stored config as a record: stored values where they have the right shape, defaults for the rest.</summary>
    public TConfig Bind(NodeConfig config) => BindingOf(config).Config;

    public sealed override object BindConfig(NodeConfig config) => Bind(config);

    /// <summary>The outcomes for this config, in display order.</summary>
    public abstract IReadOnlyList<NodeOutcome> GetOutcomes(TConfig config);

    public sealed override IReadOnlyList<NodeOutcome> GetOutcomes(NodeConfig config) => BindingOf(config).Outcomes;

    /// <summary>Rules across properties, beyond what each property's schema says; gets the bound record.</summary>
    protected virtual IEnumerable<ConfigProblem> ValidateRules(TConfig config) => [];

    private protected sealed override IEnumerable<ConfigProblem> ValidateRules(NodeConfig config) => ValidateRules(Bind(config));

    private Binding BindingOf(NodeConfig config) => _bindings.GetValue(config, c => new Binding(this, (TConfig)_schema.Bind(c)));

    private sealed class Binding(NodeDescriptor<TConfig> descriptor, TConfig config)
    {
        private IReadOnlyList<NodeOutcome>? _outcomes;

        public TConfig Config { get; } = config;

        public IReadOnlyList<NodeOutcome> Outcomes => _outcomes ??= descriptor.GetOutcomes(Config);
    }
}

/// <summary>A node with the single outcome <c>outcome</c> (AM's SingleOutcomeNode).</summary>
public abstract class SingleOutcomeNodeDescriptor<TConfig> : NodeDescriptor<TConfig> where TConfig : class, new()
{
    public const string Outcome = "outcome";

    private static readonly IReadOnlyList<NodeOutcome> OutcomeList = [new(Outcome, "Outcome")];

    public sealed override IReadOnlyList<NodeOutcome> GetOutcomes(TConfig config) => OutcomeList;
}

/// <summary>A node with the outcomes <c>true</c> and <c>false</c> (AM's AbstractDecisionNode).</summary>
public abstract class DecisionNodeDescriptor<TConfig> : NodeDescriptor<TConfig> where TConfig : class, new()
{
    public const string TrueOutcome = "true";
    public const string FalseOutcome = "false";

    private static readonly IReadOnlyList<NodeOutcome> OutcomeList = [new(TrueOutcome, "True"), new(FalseOutcome, "False")];

    public sealed override IReadOnlyList<NodeOutcome> GetOutcomes(TConfig config) => OutcomeList;

    /// <summary>The outcome for a decision: <see cref="TrueOutcome"/> or <see cref="FalseOutcome"/>.</summary>
    public static string Decide(bool decision) => decision ? TrueOutcome : FalseOutcome;
}

/// <summary>The config of a node type that has no settings.</summary>
public sealed record NoConfig;
