namespace Kingsnake.Core.Shell;

/// <summary>
/// Which shell's quoting a text follows: a workflow's <c>run:</c> script (bash/sh, pwsh, cmd), or the options of a
/// requirements-file line, which pip splits with Python's <c>shlex.split</c>.
/// </summary>
public enum ShellDialect
{
    /// <summary>bash and sh: <c>'…'</c>, <c>"…"</c>, backslash escapes and continuations, heredocs.</summary>
    Posix,

    /// <summary>pwsh and powershell: backtick escapes and continuations, <c>&lt;# … #&gt;</c> comments.</summary>
    PowerShell,

    /// <summary>cmd: caret escapes and continuations, <c>rem</c> and <c>::</c> comments.</summary>
    Cmd,

    /// <summary>
    /// Python's <c>shlex.split(text)</c> (posix mode, no comments, whitespace-split), as pip splits a requirements-file
    /// line's options. Unlike bash: no operators (<c>;</c>, <c>|</c>, <c>&amp;</c>, <c>&gt;</c> are word characters),
    /// no expansions (<c>$x</c>, <c>$(…)</c>, backquotes are literal text), no <c>$'…'</c> or <c>$"…"</c>, no heredocs,
    /// no comments (<c>#</c> is literal: pip removes comments before splitting), no line continuation (a backslash
    /// before a newline keeps the newline in the word); inside double quotes a backslash escapes only <c>"</c> and
    /// <c>\</c> (bash also escapes <c>$</c> and <c>`</c>); whitespace is exactly space, tab, CR and LF; and an
    /// unclosed quote or a trailing backslash is an error rather than read leniently.
    /// </summary>
    PythonShlex,
}
