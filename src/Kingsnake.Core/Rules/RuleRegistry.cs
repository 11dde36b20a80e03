namespace Kingsnake.Core.Rules;

/// <summary>Every rule Kingsnake knows, by id. Filled from the auditors' descriptors.</summary>
public sealed class RuleRegistry
{
    private readonly Dictionary<string, Rule> _byId = new(StringComparer.OrdinalIgnoreCase);

    public RuleRegistry(IEnumerable<Rule> rules)
    {
        foreach (var rule in rules)
        {
            if (!_byId.TryAdd(rule.Id, rule))
            {
                throw new ArgumentException($"rule id {rule.Id} is defined twice", nameof(rules));
            }
        }
    }

    public IReadOnlyList<Rule> All => [.. _byId.Values.OrderBy(r => r.Id, StringComparer.Ordinal)];

    public Rule? Find(string idOrAlias) =>
        _byId.TryGetValue(idOrAlias, out var rule) ? rule : _byId.Values.FirstOrDefault(r => r.IsNamedBy(idOrAlias));
}
