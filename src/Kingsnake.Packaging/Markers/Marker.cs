using System.Text;
using Kingsnake.Packaging.Names;
using Kingsnake.Packaging.Requirements;
using Kingsnake.Packaging.Specifiers;
using Kingsnake.Packaging.Text;
using Kingsnake.Packaging.Versions;

namespace Kingsnake.Packaging.Markers;

/// <summary>
/// A PEP 508 environment marker (<c>python_version &lt; "3.11" and sys_platform == "win32"</c>), parsed, printed and
/// evaluated as pip's vendored <c>packaging</c> 24.1 (<c>packaging.markers.Marker</c>) does.
/// </summary>
public sealed class Marker : IEquatable<Marker>
{
    private readonly MarkerGroup _root;
    private string? _text;

    private Marker(MarkerGroup root) => _root = NormalizeExtraValues(root);

    internal static Marker FromParsed(MarkerGroup root) => new(root);

    public static Marker Parse(string text) =>
        TryParse(text, out var marker, out PackagingSyntaxError error) ? marker : throw new FormatException(error.ToString());

    public static bool TryParse(string text, out Marker marker) => TryParse(text, out marker, out PackagingSyntaxError _);

    /// <summary>Parses a marker; on failure <paramref name="error"/> is the packaging-style message with the source and a caret line.</summary>
    public static bool TryParse(string text, out Marker marker, out string error)
    {
        var ok = TryParse(text, out marker, out PackagingSyntaxError syntaxError);
        error = ok ? string.Empty : syntaxError.ToString();
        return ok;
    }

    public static bool TryParse(string text, out Marker marker, out PackagingSyntaxError error)
    {
        if (DependencySpecifierParser.TryParseMarker(text, out var root, out error))
        {
            marker = new Marker(root);
            return true;
        }

        marker = null!;
        return false;
    }

    /// <summary>The environment variables the marker reads (canonical names, e.g. <c>platform_python_implementation</c>).</summary>
    public IReadOnlySet<string> Variables
    {
        get
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            Collect(_root, names);
            return names;

            static void Collect(MarkerGroup group, HashSet<string> names)
            {
                foreach (var item in group.Items)
                {
                    if (item is MarkerGroup nested)
                    {
                        Collect(nested, names);
                    }
                    else if (item is MarkerComparison comparison)
                    {
                        if (comparison.Left.IsVariable)
                        {
                            names.Add(comparison.Left.Text);
                        }

                        if (comparison.Right.IsVariable)
                        {
                            names.Add(comparison.Right.Text);
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// Every comparison of <paramref name="variable"/> with a value, in order, as (operator, value) with the operator as
    /// written, whichever side the variable is on. Lets a caller find the values where the marker's answer can change
    /// (the versions a <c>python_full_version</c> is compared with).
    /// </summary>
    public IReadOnlyList<(string Operator, string Value)> ComparisonsOf(string variable)
    {
        var found = new List<(string, string)>();
        Collect(_root, variable, found);
        return found;

        static void Collect(MarkerGroup group, string variable, List<(string, string)> found)
        {
            foreach (var item in group.Items)
            {
                if (item is MarkerGroup nested)
                {
                    Collect(nested, variable, found);
                }
                else if (item is MarkerComparison { Left: var left, Operator: var op, Right: var right })
                {
                    if (left.IsVariable && left.Text == variable && !right.IsVariable)
                    {
                        found.Add((op, right.Text));
                    }
                    else if (right.IsVariable && right.Text == variable && !left.IsVariable)
                    {
                        found.Add((op, left.Text));
                    }
                }
            }
        }
    }

    // packaging normalizes the extra name only in the first comparison of the top-level list (and turns the
    // other side into a value even when it was a variable); evaluation normalizes both sides anyway.
    private static MarkerGroup NormalizeExtraValues(MarkerGroup root)
    {
        if (root.Items.Count == 0 || root.Items[0] is not MarkerComparison first)
        {
            return root;
        }

        var normalized = first;
        if (first.Left is { IsVariable: true, Text: "extra" })
        {
            normalized = first with { Right = new MarkerOperand(false, PackageName.Normalize(first.Right.Text)) };
        }
        else if (first.Right is { IsVariable: true, Text: "extra" })
        {
            normalized = first with { Left = new MarkerOperand(false, PackageName.Normalize(first.Left.Text)) };
        }

        if (ReferenceEquals(normalized, first))
        {
            return root;
        }

        var items = new List<MarkerElement>(root.Items) { [0] = normalized };
        return new MarkerGroup(items);
    }

    /// <summary>The marker as packaging prints it (values in double quotes, redundant outer parentheses dropped).</summary>
    public override string ToString() => _text ??= Format(_root, first: true);

    private static string Format(MarkerElement element, bool first)
    {
        switch (element)
        {
            case MarkerGroup { Items: [MarkerGroup or MarkerComparison] } single:
                return Format(single.Items[0], first: true);
            case MarkerGroup group:
                {
                    var builder = new StringBuilder();
                    if (!first)
                    {
                        builder.Append('(');
                    }

                    for (var i = 0; i < group.Items.Count; i++)
                    {
                        if (i > 0)
                        {
                            builder.Append(' ');
                        }

                        builder.Append(Format(group.Items[i], first: false));
                    }

                    if (!first)
                    {
                        builder.Append(')');
                    }

                    return builder.ToString();
                }

            case MarkerComparison comparison:
                return comparison.ToString();
            case MarkerBoolean boolean:
                return boolean.IsOr ? "or" : "and";
            default:
                return string.Empty;
        }
    }

    /// <summary>
    /// Evaluates the marker in <paramref name="environment"/> with packaging 24.1's rules. Throws
    /// <see cref="MarkerEvaluationException"/> where packaging raises (a version operand compared with a value that
    /// is not a version, <c>~=</c>/<c>===</c> on plain strings, an unknown variable name).
    /// </summary>
    public bool Evaluate(MarkerEnvironment environment) => Evaluate(environment.Get);

    /// <summary>Evaluates against a variable lookup; a null answer is an undefined variable (an error).</summary>
    public bool Evaluate(Func<string, string?> variableLookup)
    {
        var result = EvaluateGroup(_root, variableLookup, strict: true);
        return result ?? throw new MarkerEvaluationException("Marker could not be evaluated.");
    }

    /// <summary>Evaluates without throwing; <paramref name="error"/> says what packaging would have raised.</summary>
    public bool TryEvaluate(MarkerEnvironment environment, out bool result, out string? error)
    {
        try
        {
            result = Evaluate(environment);
            error = null;
            return true;
        }
        catch (MarkerEvaluationException exception)
        {
            result = false;
            error = exception.Message;
            return false;
        }
    }

    /// <summary>
    /// Three-valued evaluation for a partly known environment: a comparison whose variable the lookup does not
    /// know (returns null), or that packaging could not evaluate, is unknown; <c>and</c>/<c>or</c> combine with
    /// Kleene logic. True: the marker holds; false: it cannot hold; null: it may hold.
    /// </summary>
    public bool? EvaluatePartial(Func<string, string?> variableLookup) => EvaluateGroup(_root, variableLookup, strict: false);

    // any(all(group) for group in groups split at "or"): "and" binds tighter than "or". Every comparison is
    // evaluated, in order, as packaging does (so its first error is the one reported).
    private static bool? EvaluateGroup(MarkerGroup group, Func<string, string?> lookup, bool strict)
    {
        bool? any = false;
        bool? all = true;
        foreach (var item in group.Items)
        {
            switch (item)
            {
                case MarkerBoolean { IsOr: true }:
                    any = Or(any, all);
                    all = true;
                    break;
                case MarkerBoolean:
                    break;
                case MarkerGroup nested:
                    all = And(all, EvaluateGroup(nested, lookup, strict));
                    break;
                case MarkerComparison comparison:
                    all = And(all, EvaluateComparison(comparison, lookup, strict));
                    break;
            }
        }

        return Or(any, all);
    }

    private static bool? And(bool? left, bool? right) =>
        left == false || right == false ? false : left is null || right is null ? null : true;

    private static bool? Or(bool? left, bool? right) =>
        left == true || right == true ? true : left is null || right is null ? null : false;

    private static bool? EvaluateComparison(MarkerComparison comparison, Func<string, string?> lookup, bool strict)
    {
        string key;
        string? left;
        string? right;
        if (comparison.Left.IsVariable)
        {
            key = comparison.Left.Text;
            left = lookup(key);
            right = comparison.Right.Text;
        }
        else
        {
            key = comparison.Right.Text;
            left = comparison.Left.Text;
            right = lookup(key);
        }

        if (left is null || right is null)
        {
            return strict ? throw new MarkerEvaluationException($"'{key}' is not a marker variable of the environment.") : null;
        }

        if (key == "extra")
        {
            // PEP 685: extra names compare normalized.
            left = PackageName.Normalize(left);
            right = PackageName.Normalize(right);
        }

        try
        {
            return CompareValues(left, comparison.Operator, right);
        }
        catch (MarkerEvaluationException) when (!strict)
        {
            return null;
        }
    }

    private static bool CompareValues(string left, string op, string right)
    {
        // A right-hand side that makes a valid specifier with the operator means a version comparison, and then
        // packaging insists that the left-hand side is a version too.
        if (Specifier.TryParse(op + right, out var specifier))
        {
            if (!PythonVersion.TryParse(left, out var version))
            {
                throw new MarkerEvaluationException($"Invalid version: '{left}'");
            }

            return specifier.Contains(version, preReleases: true);
        }

        return op switch
        {
            "in" => right.Contains(left, StringComparison.Ordinal),
            "not in" => !right.Contains(left, StringComparison.Ordinal),
            "<" => PythonText.CompareCodePoints(left, right) < 0,
            "<=" => PythonText.CompareCodePoints(left, right) <= 0,
            "==" => string.Equals(left, right, StringComparison.Ordinal),
            "!=" => !string.Equals(left, right, StringComparison.Ordinal),
            ">=" => PythonText.CompareCodePoints(left, right) >= 0,
            ">" => PythonText.CompareCodePoints(left, right) > 0,
            _ => throw new MarkerEvaluationException($"Undefined {op} on '{left}' and '{right}'."),
        };
    }

    /// <summary>Markers are equal when they print the same (packaging's definition).</summary>
    public bool Equals(Marker? other) => other is not null && string.Equals(ToString(), other.ToString(), StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is Marker other && Equals(other);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());
}

/// <summary>A marker that packaging would refuse to evaluate (it raises InvalidVersion, UndefinedComparison or KeyError).</summary>
public sealed class MarkerEvaluationException(string message) : Exception(message);
