using System.Text.Json;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Catalog.Nodes;
using JourneyStudio.Journeys.Model;

namespace JourneyStudio.Journeys.Validation;

/// <summary>
/// Finds what would break a journey at sign-on time (or silently change what it does) before a user hits
/// it: broken or missing wiring, Page node limits, config errors and Inner Tree Evaluator references.
/// </summary>
public static class JourneyValidator
{
    /// <summary>
    /// Every finding for <paramref name="journey"/>, in a stable order: findings about Start and Success
    /// first, then node by node in document order (each top-level node followed by its page children).
    /// </summary>
    /// <param name="findJourney">Resolves another journey by name for Inner Tree Evaluator checks; null when none has that name.</param>
    public static IReadOnlyList<ValidationFinding> Validate(Journey journey, NodeCatalog catalog, Func<string, Journey?> findJourney)
    {
        ArgumentNullException.ThrowIfNull(journey);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(findJourney);
        return new Run(journey, catalog, findJourney).Validate();
    }

    /// <summary>One validation: the journey, its wiring and the findings gathered so far.</summary>
    private sealed class Run(Journey journey, NodeCatalog catalog, Func<string, Journey?> findJourney)
    {
        private readonly JourneyGraph _graph = new(journey, catalog);
        private readonly InnerJourneyReferences _innerJourneys = new(findJourney);
        private readonly List<ValidationFinding> _findings = [];

        public IReadOnlyList<ValidationFinding> Validate()
        {
            CheckStart();
            CheckSuccessReachable();

            var firstById = new Dictionary<string, JourneyNode>(StringComparer.Ordinal);
            foreach (var node in journey.Nodes)
            {
                CheckNode(node, page: null, isLastOnPage: false, firstById);
                for (var i = 0; i < node.Children.Count; i++)
                    CheckNode(node.Children[i], page: node, isLastOnPage: i == node.Children.Count - 1, firstById);
            }
            return _findings;
        }

        private void CheckNode(JourneyNode node, JourneyNode? page, bool isLastOnPage, Dictionary<string, JourneyNode> firstById)
        {
            if (!firstById.TryAdd(node.Id, node))
                Error(FindingCodes.DuplicateNodeId, node,
                    $"{Describe(node, page)} has the id '{node.Id}', which {Name(firstById[node.Id])} already uses; node ids must be unique.");
            if (StaticNodeIds.IsStatic(node.Id))
                Error(FindingCodes.ReservedNodeId, node,
                    $"{Describe(node, page)} has the id '{node.Id}', which is reserved for {StaticName(node.Id)}.");

            CheckNodeType(node, page);
            if (page is null && _graph.IsStartConnected && !_graph.IsReachable(node, null))
                Warning(FindingCodes.UnreachableNode, node, $"{Name(node)} cannot be reached from Start, so it never runs.");

            if (page is null && IsPage(node)) CheckPage(node);
            if (page is not null) CheckPageChild(node, page, isLastOnPage);

            var innerJourneyProblemReported = node.NodeType == NodeCatalog.InnerTreeNodeType && CheckInnerJourney(node, page);
            CheckConfig(node, page, skipTreeProperty: innerJourneyProblemReported);

            if (page is null) CheckConnections(node);
        }

        private void CheckStart()
        {
            var entry = journey.EntryNodeId;
            if (entry.Length == 0)
            {
                AddStart(FindingCodes.StartNotConnected, "Start is not connected to any node, so the journey cannot begin.");
                return;
            }
            if (_graph.IsStartConnected) return;
            if (_graph.FindPageOf(entry) is { } page)
                AddStart(FindingCodes.ConnectionToPageChild,
                    $"Start is connected to {Name(page.Children.First(c => c.Id == entry))}, which is on page {Name(page)}; " +
                    "nodes on a page cannot be connected to directly, connect Start to the page instead.");
            else
                AddStart(FindingCodes.StartNotConnected,
                    $"Start is connected to '{entry}', which is not a node of this journey, so the journey cannot begin.");
        }

        private void CheckSuccessReachable()
        {
            // Without a working Start everything is unreachable; the Start finding already says why.
            if (_graph.IsStartConnected && !_graph.ReachesSuccess)
                _findings.Add(new ValidationFinding(FindingSeverity.Warning, FindingCodes.SuccessUnreachable,
                    "No path from Start reaches Success, so nobody can sign on through this journey.", StaticNodeIds.Success));
        }

        private void CheckNodeType(JourneyNode node, JourneyNode? page)
        {
            if (IsKnown(node.NodeType)) return;
            // A reachable unknown node fails the sign-on that reaches it; an unreachable one only rides along.
            if (_graph.IsReachable(node, page))
                Error(FindingCodes.UnknownNodeType, node,
                    $"{Describe(node, page)} has the node type '{node.NodeType}', which this studio does not know. " +
                    "It is kept as imported, but the runtime cannot run it and sign-ons that reach it will fail.");
            else
                Warning(FindingCodes.UnknownNodeType, node,
                    $"{Describe(node, page)} has the node type '{node.NodeType}', which this studio does not know. " +
                    "It is kept as imported; the runtime cannot run it.");
        }

        private void CheckPage(JourneyNode page)
        {
            if (page.Children.Count == 0)
                Error(FindingCodes.PageEmpty, page, $"Page {Name(page)} has no nodes on it; add the input nodes it should show.");
        }

        private void CheckPageChild(JourneyNode child, JourneyNode page, bool isLast)
        {
            if (IsPage(child) || child.NodeType == NodeCatalog.InnerTreeNodeType)
                Error(FindingCodes.NestedInPage, child,
                    $"{Name(child)} cannot be placed on page {Name(page)}: Page nodes and Inner Tree Evaluators cannot be nested in a page.");
            else if (catalog.Find(child.NodeType) is { CanBeOnPage: false } descriptor)
                Error(FindingCodes.IllegalPageChild, child,
                    $"Illegal child node type: {Name(child)} ({descriptor.DisplayName}) cannot be placed on page {Name(page)}; " +
                    "only nodes that ask the user for input can be on a page.");

            // The page's outcome is its last node's outcome; an earlier node has nowhere to send a second one.
            if (!isLast && catalog.GetOutcomes(child) is { Count: > 1 } outcomes)
                Error(FindingCodes.PageChildMultipleOutcomes, child,
                    $"{Name(child)} on page {Name(page)} has {outcomes.Count} outcomes ({string.Join(", ", outcomes.Select(o => o.Label))}); " +
                    "only the last node on a page may have more than one. Move it to the end of the page or off the page.");

            if (child.Connections.Count > 0)
                Warning(FindingCodes.PageChildConnectionsIgnored, child,
                    $"{Name(child)} on page {Name(page)} has connections of its own ({string.Join(", ", child.Connections.Keys.Order(StringComparer.Ordinal))}); " +
                    "they are ignored, because a page continues through the connections of the page itself.");
        }

        /// <summary>Checks the journey an Inner Tree Evaluator runs; true when the reference itself is missing, so config checks need not repeat it.</summary>
        private bool CheckInnerJourney(JourneyNode node, JourneyNode? page)
        {
            var value = node.Config.Get(InnerTreeEvaluatorDescriptor.TreeProperty);
            // A non-text value is a config problem, reported by the descriptor's validation.
            if (value is { ValueKind: not (JsonValueKind.String or JsonValueKind.Null) }) return false;
            if (InnerTreeEvaluatorDescriptor.TreeOf(node) is not { } name)
            {
                Error(FindingCodes.InnerJourneyNotSet, node, $"{Describe(node, page)} does not name the journey it should run.");
                return true;
            }

            if (name == journey.Name)
            {
                Error(FindingCodes.InnerJourneySelf, node,
                    $"{Describe(node, page)} runs journey '{name}', which is this journey itself; a sign-on would never end.");
                return false;
            }
            if (_innerJourneys.Find(name) is not { } inner)
            {
                Error(FindingCodes.InnerJourneyMissing, node,
                    $"{Describe(node, page)} runs journey '{name}', which does not exist; sign-ons reaching it fail with \"Configured tree does not exist\".");
                return false;
            }
            if (_innerJourneys.FindChainBack(journey.Name, name) is { } chain)
                Error(FindingCodes.InnerJourneyCycle, node,
                    $"{Describe(node, page)} runs journey '{name}', which leads back to this journey " +
                    $"({string.Join(" -> ", chain.Prepend(journey.Name))}); a sign-on would never end.");
            if (!inner.Settings.Enabled)
                Warning(FindingCodes.InnerJourneyDisabled, node,
                    $"{Describe(node, page)} runs journey '{name}', which is disabled; sign-ons reaching it fail until it is enabled.");
            return false;
        }

        private void CheckConfig(JourneyNode node, JourneyNode? page, bool skipTreeProperty)
        {
            if (catalog.Find(node.NodeType) is not { } descriptor) return;
            // Absent properties take their defaults, as they do everywhere else (outcomes, runtime).
            foreach (var problem in descriptor.ValidateConfig(descriptor.WithDefaults(node.Config)))
            {
                if (skipTreeProperty && problem.PropertyName == InnerTreeEvaluatorDescriptor.TreeProperty) continue;
                var label = descriptor.FindProperty(problem.PropertyName)?.Label ?? problem.PropertyName;
                Error(FindingCodes.InvalidConfig, node, $"Setting '{label}' of {Describe(node, page)}: {problem.Message}");
            }
        }

        private void CheckConnections(JourneyNode node)
        {
            var outcomes = catalog.GetOutcomes(node);
            foreach (var outcome in outcomes)
            {
                if (node.Connections.TryGetValue(outcome.Id, out var target))
                    CheckTarget(node, outcome.Id, $"Outcome '{outcome.Label}' of {Name(node)}", target);
                else
                    Error(FindingCodes.OutcomeNotConnected, node, $"Outcome '{outcome.Label}' of {Name(node)} is not connected to any node.", outcome.Id);
            }

            var current = outcomes.Select(o => o.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var (outcomeId, target) in node.Connections.Where(c => !current.Contains(c.Key)).OrderBy(c => c.Key, StringComparer.Ordinal))
            {
                var now = outcomes.Count == 0 ? "it has no outcomes now" : $"its outcomes are now {string.Join(", ", outcomes.Select(o => o.Label))}";
                Warning(FindingCodes.StaleConnection, node,
                    $"{Name(node)} has a connection from outcome '{outcomeId}' to {TargetName(target)}, but no longer has that outcome " +
                    $"({now}, perhaps after a setting changed); the connection is ignored.", outcomeId);
                CheckTarget(node, outcomeId, $"Outcome '{outcomeId}' of {Name(node)}", target);
            }
        }

        private void CheckTarget(JourneyNode node, string outcomeId, string subject, string target)
        {
            if (StaticNodeIds.IsTerminal(target) || _graph.FindTopLevel(target) is not null) return;
            if (_graph.FindPageOf(target) is { } page)
                Error(FindingCodes.ConnectionToPageChild, node,
                    $"{subject} is connected to {Name(page.Children.First(c => c.Id == target))}, which is on page {Name(page)}; " +
                    "nodes on a page cannot be connected to directly, connect to the page instead.", outcomeId);
            else
                Error(FindingCodes.ConnectionTargetMissing, node,
                    $"{subject} is connected to '{target}', which is not a node of this journey.", outcomeId);
        }

        // A Page node is part of the model (its children), so it counts as known even if the catalogue lacks its descriptor.
        private bool IsKnown(string nodeType) => nodeType == NodeCatalog.PageNodeType || catalog.IsKnown(nodeType);

        private static bool IsPage(JourneyNode node) => node.NodeType == NodeCatalog.PageNodeType;

        private string Name(JourneyNode node)
        {
            var name = !string.IsNullOrWhiteSpace(node.DisplayName) ? node.DisplayName
                : catalog.Find(node.NodeType)?.DisplayName ?? (node.NodeType.Length > 0 ? node.NodeType : node.Id);
            return $"'{name}'";
        }

        private string Describe(JourneyNode node, JourneyNode? page) =>
            page is null ? Name(node) : $"{Name(node)} on page {Name(page)}";

        private string TargetName(string target) =>
            StaticNodeIds.IsStatic(target) ? StaticName(target) : _graph.FindTopLevel(target) is { } node ? Name(node) : $"'{target}'";

        private static string StaticName(string id) => id switch
        {
            StaticNodeIds.Start => "Start",
            StaticNodeIds.Success => "Success",
            _ => "Failure",
        };

        private void AddStart(string code, string message) =>
            _findings.Add(new ValidationFinding(FindingSeverity.Error, code, message, StaticNodeIds.Start));

        private void Error(string code, JourneyNode node, string message, string? outcome = null) =>
            _findings.Add(new ValidationFinding(FindingSeverity.Error, code, message, node.Id, outcome));

        private void Warning(string code, JourneyNode node, string message, string? outcome = null) =>
            _findings.Add(new ValidationFinding(FindingSeverity.Warning, code, message, node.Id, outcome));
    }
}
