namespace Kingsnake.Packaging.Markers;

/// <summary>One side of a marker comparison: an environment variable or a quoted value.</summary>
public sealed record MarkerOperand(bool IsVariable, string Text)
{
    /// <summary>As packaging prints it: a variable by name, a value in double quotes (without escaping).</summary>
    public override string ToString() => IsVariable ? Text : "\"" + Text + "\"";
}

/// <summary>An element of a marker expression list: a comparison, a parenthesized group, or the word "and"/"or".</summary>
internal abstract record MarkerElement;

internal sealed record MarkerComparison(MarkerOperand Left, string Operator, MarkerOperand Right) : MarkerElement
{
    public override string ToString() => Left + " " + Operator + " " + Right;
}

/// <summary>A flat list <c>atom (boolop atom)*</c>, exactly the shape packaging's parser builds.</summary>
internal sealed record MarkerGroup(List<MarkerElement> Items) : MarkerElement;

internal sealed record MarkerBoolean(bool IsOr) : MarkerElement;
