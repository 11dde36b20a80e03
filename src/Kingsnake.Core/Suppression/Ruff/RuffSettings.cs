namespace Kingsnake.Core.Suppression.Ruff;

/// <summary>
/// What a project's ruff configuration says about rules: the selection layers of its extend chain and its
/// per-file ignores. <see cref="Resolve"/> answers, for one ruff code, whether ruff runs it and, when it does not
/// because the project ignored it, which entry did that.
/// </summary>
/// <param name="Files">The configuration files read, the project's own first, then each file it extends.</param>
/// <param name="Layers">Rule selection, ruff's defaults first, then the base of the chain, the project's own file last.</param>
public sealed record RuffSettings(IReadOnlyList<string> Files, IReadOnlyList<RuffSelectionLayer> Layers, IReadOnlyList<RuffPerFileIgnore> PerFileIgnores)
{
    /// <summary>
    /// Whether ruff runs <paramref name="code"/> with this configuration, replaying ruff's rule selection layer by
    /// layer: within a layer the most specific matching selector decides and an ignore wins a tie; a layer that sets
    /// <c>select</c> starts afresh, one that only extends changes just what it names; a layer with an empty
    /// <c>select</c>, no <c>extend-select</c> and some ignores passes those ignores on to the next layer.
    /// <para>
    /// <c>IgnoredBy</c> is the ignore entry that turned the code off, only when the code would otherwise have been on:
    /// <c>ignore = ["S101"]</c> in a project that never selects <c>S</c> is not triage of S101 (ruff never showed it),
    /// so it settles nothing. Preview status is not modelled: a rule ruff keeps in preview counts as selected by the
    /// selectors that name it.
    /// </para>
    /// </summary>
    public (bool Selected, RuffSelector? IgnoredBy) Resolve(string code)
    {
        var selected = false;
        RuffSelector? ignoredBy = null;
        IReadOnlyList<RuffSelector>? carried = null;
        foreach (var layer in Layers)
        {
            var enabling = MostSpecific(layer.Select is null ? layer.ExtendSelect : [.. layer.Select, .. layer.ExtendSelect], code);
            var disabling = MostSpecific(carried is null ? layer.Ignore : [.. layer.Ignore, .. carried], code);
            carried = layer.Select is { Count: 0 } && layer.ExtendSelect.Count == 0 && layer.Ignore.Count > 0 ? layer.Ignore : null;
            var wouldBeOn = enabling is not null || (layer.Select is null && selected);
            if (disabling is not null && (enabling is null || disabling.Specificity >= enabling.Specificity))
            {
                ignoredBy = wouldBeOn ? disabling : layer.Select is null ? ignoredBy : null;
                selected = false;
            }
            else if (enabling is not null)
            {
                (selected, ignoredBy) = (true, null);
            }
            else if (layer.Select is not null)
            {
                (selected, ignoredBy) = (false, null);
            }
        }

        return (selected, ignoredBy);
    }

    /// <summary>The first per-file ignore that covers <paramref name="code"/> in the file at <paramref name="relativePath"/>, with its selector.</summary>
    public (RuffPerFileIgnore Entry, RuffSelector Selector)? PerFileIgnore(string relativePath, string code)
    {
        foreach (var entry in PerFileIgnores)
        {
            if (entry.Covering(code) is { } selector && entry.AppliesTo(relativePath))
            {
                return (entry, selector);
            }
        }

        return null;
    }

    private static RuffSelector? MostSpecific(IEnumerable<RuffSelector> selectors, string code)
    {
        RuffSelector? best = null;
        foreach (var selector in selectors)
        {
            if (selector.Matches(code) && (best is null || selector.Specificity > best.Specificity))
            {
                best = selector;
            }
        }

        return best;
    }
}
