namespace Kingsnake.Python.Ast;

public sealed partial class FormattedValue
{
    /// <summary>
    /// Where the field's expression text lies, for the positions CPython before 3.10 gave the nodes inside it (it
    /// re-parsed that text alone and shifted the result). <see cref="AstDump"/> reads it for 3.8 and 3.9 dumps.
    /// </summary>
    public LegacyFieldText? LegacyText { get; internal set; }
}

/// <summary>
/// The source of one f-string replacement field as CPython 3.8/3.9 saw it: the expression's bytes (after '{' up to
/// the '=', '!', ':' or '}' that ends it), the f-string token holding it, and the first string token of the
/// concatenation it belongs to (3.8 searched that token's text for the field).
/// </summary>
public readonly record struct LegacyFieldText(
    byte[] Source,
    int ExpressionStart,
    int ExpressionEnd,
    int BraceLine,
    int BraceEndColumn,
    int TokenLine,
    int TokenColumn,
    int GroupStart,
    int GroupEnd,
    int GroupLine,
    int GroupColumn);
