namespace Kingsnake.Python.Ast;

/// <summary>
/// A node of the Python syntax tree, mirroring CPython's <c>ast.AST</c>. Positions follow CPython: lines from 1,
/// columns as UTF-8 byte offsets from the start of the line (see <see cref="Source.SourceText"/> for character columns).
/// Nodes without positions in CPython (<see cref="HasLocation"/> false) leave them at zero.
/// </summary>
public abstract class Node
{
    public abstract NodeKind NodeKind { get; }

    /// <summary>The class name CPython uses (<c>arg</c>, <c>comprehension</c>, <c>Call</c> …).</summary>
    public abstract string PythonName { get; }

    /// <summary>Whether CPython gives this kind <c>lineno</c>/<c>col_offset</c>/<c>end_lineno</c>/<c>end_col_offset</c>.</summary>
    public abstract bool HasLocation { get; }

    public int Lineno { get; set; }

    public int ColOffset { get; set; }

    public int EndLineno { get; set; }

    public int EndColOffset { get; set; }

    /// <summary>Hands every field, in CPython's order, to <paramref name="writer"/>.</summary>
    public abstract void WriteFields(IFieldWriter writer);

    /// <summary>Pushes the child nodes so that popping yields them in field order (used by the non-recursive walk).</summary>
    public abstract void PushChildren(Stack<Node> pending);

    internal void SetSpan(int line, int column, int endLine, int endColumn)
    {
        Lineno = line;
        ColOffset = column;
        EndLineno = endLine;
        EndColOffset = endColumn;
    }

    internal void CopySpan(Node other)
    {
        Lineno = other.Lineno;
        ColOffset = other.ColOffset;
        EndLineno = other.EndLineno;
        EndColOffset = other.EndColOffset;
    }
}

/// <summary>Receives the fields of a node (dumping, comparing); one method per field shape of CPython's ASDL.</summary>
public interface IFieldWriter
{
    void Node(string name, Node? value);

    void Nodes(string name, IReadOnlyList<Node?> values);

    void String(string name, string? value);

    void Strings(string name, IReadOnlyList<string> values);

    void Int(string name, int? value);

    void Constant(string name, ConstantValue value);

    void Enum(string name, string pythonName);

    void Enums(string name, IReadOnlyList<CmpOperator> values);
}
