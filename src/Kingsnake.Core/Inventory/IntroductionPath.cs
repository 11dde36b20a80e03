using System.Collections;
using System.Runtime.CompilerServices;

namespace Kingsnake.Core.Inventory;

/// <summary>
/// How a transitive package is reached: the names from a direct dependency down to the package itself. Stored as a
/// link to the path of the parent it was reached through, so the paths of every package of a graph share their
/// prefixes and take memory linear in the number of packages (a 5,000-package chain needs 5,000 links, not 12.5
/// million names). The whole list is materialised only on enumeration; reports show <see cref="Shown"/>, which is
/// bounded, with <see cref="Count"/> as the depth.
/// </summary>
[CollectionBuilder(typeof(IntroductionPath), nameof(Create))]
public sealed class IntroductionPath : IReadOnlyList<string>
{
    /// <summary>The names a report shows from the start of a long path (the direct dependency first).</summary>
    public const int ShownHead = 2;

    /// <summary>The names a report shows from the end of a long path (the package last).</summary>
    public const int ShownTail = 3;

    /// <summary>What stands for the names left out of a long path. No package name can be spelled so.</summary>
    public const string Elision = "…";

    private readonly string? _name;
    private readonly IntroductionPath? _parent;
    private readonly IntroductionPath? _root;
    private readonly IntroductionPath? _head; // the ancestor holding the last of the first ShownHead names

    private IntroductionPath(string? name, IntroductionPath? parent)
    {
        _name = name;
        _parent = parent is { Count: > 0 } ? parent : null;
        Count = (_parent?.Count ?? 0) + (name is null ? 0 : 1);
        _root = _parent?._root ?? (name is null ? null : this);
        _head = Count <= ShownHead ? this : _parent!._head;
    }

    /// <summary>The path of no package (a direct dependency's).</summary>
    public static IntroductionPath Empty { get; } = new(null, null);

    /// <summary>The number of names on the path: the package's depth below the project, its direct dependency being 1.</summary>
    public int Count { get; }

    /// <summary>The path of the parent the package was reached through (empty for a direct dependency).</summary>
    public IntroductionPath Parent => _parent ?? Empty;

    /// <summary>The last name: the package itself.</summary>
    public string Package => _name ?? throw new InvalidOperationException("the empty path names no package");

    /// <summary>The first name: the direct dependency that brings the package in.</summary>
    public string DirectDependency => _root?._name ?? throw new InvalidOperationException("the empty path names no package");

    /// <summary>True when a report leaves names out (<see cref="Shown"/> is shorter than the path).</summary>
    public bool IsElided => Count > ShownHead + ShownTail + 1;

    /// <summary>The name at <paramref name="index"/> (0: the direct dependency), found by walking up from the package.</summary>
    public string this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            if (index == 0)
            {
                return DirectDependency;
            }

            var node = this;
            for (var steps = Count - 1 - index; steps > 0; steps--)
            {
                node = node._parent!;
            }

            return node._name!;
        }
    }

    /// <summary>The path of a package reached from the end of this path (or, from the empty path, a direct dependency's own).</summary>
    public IntroductionPath Append(string name) => new(name, this);

    /// <summary>A path from its names, the direct dependency first.</summary>
    public static IntroductionPath Create(ReadOnlySpan<string> names)
    {
        var path = Empty;
        foreach (var name in names)
        {
            path = path.Append(name);
        }

        return path;
    }

    /// <summary>
    /// What a report shows: the whole path when it is short, else its first <see cref="ShownHead"/> names,
    /// <see cref="Elision"/>, and its last <see cref="ShownTail"/> names (the package and its parents). At most
    /// <c>ShownHead + ShownTail + 1</c> entries whatever the depth, so a report's size is linear in its findings.
    /// </summary>
    public IReadOnlyList<string> Shown()
    {
        if (!IsElided)
        {
            return [.. this];
        }

        var tail = new string[ShownTail];
        var node = this;
        for (var i = ShownTail - 1; i >= 0; i--)
        {
            tail[i] = node._name!;
            node = node._parent!;
        }

        var shown = new string[ShownHead + 1 + ShownTail];
        node = _head!;
        for (var i = ShownHead - 1; i >= 0; i--)
        {
            shown[i] = node._name!;
            node = node._parent!;
        }

        shown[ShownHead] = Elision;
        tail.CopyTo(shown, ShownHead + 1);
        return shown;
    }

    /// <summary>The shown path as text, <c>a → b → … → y → z (N packages deep)</c> when names are left out.</summary>
    public string Describe() => Describe(Shown(), IsElided ? Count : null);

    /// <summary>A shown path as text, with the depth when names were left out.</summary>
    public static string Describe(IReadOnlyList<string> shown, int? depth) =>
        string.Join(" → ", shown) + (depth is { } total ? $" ({total} packages deep)" : "");

    public IEnumerator<string> GetEnumerator()
    {
        var names = new string[Count];
        var node = this;
        for (var i = Count - 1; i >= 0; i--)
        {
            names[i] = node._name!;
            node = node._parent!;
        }

        return ((IEnumerable<string>)names).GetEnumerator();
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => Describe();
}
