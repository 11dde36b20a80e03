namespace Kingsnake.Core.Shell;

/// <summary>
/// A simple command: its words, its redirections, where it sits in the script, and the command whose output it
/// reads when it is on the right of a pipe.
/// </summary>
public sealed record ShellCommand(IReadOnlyList<ShellWord> Words, IReadOnlyList<ShellRedirect> Redirects, int Start, int End, ShellCommand? Upstream)
{
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal) { "if", "then", "else", "elif", "do", "while", "until", "!", "{", "time", "exec", "command", "builtin", "nohup" };

    /// <summary>The words from the program on: leading shell keywords, <c>VAR=value</c> assignments and <c>sudo</c>/<c>env</c> (with their options) skipped.</summary>
    public IReadOnlyList<ShellWord> Program
    {
        get
        {
            var i = 0;
            while (i < Words.Count)
            {
                var text = Words[i].Text;
                if (Reserved.Contains(text) || (!Words[i].StartsQuoted && IsAssignment(text)))
                {
                    i++;
                }
                else if (text is "sudo" or "env" or "doas")
                {
                    i++;
                    while (i < Words.Count && Words[i].Text.StartsWith('-'))
                    {
                        // sudo -u USER takes a value
                        i += Words[i].Text is "-u" or "-g" or "-C" or "--user" or "--group" ? 2 : 1;
                    }
                }
                else
                {
                    break;
                }
            }

            return i == 0 ? Words : Words.Skip(i).ToList();
        }
    }

    private static bool IsAssignment(string word)
    {
        var eq = word.IndexOf('=');
        if (eq <= 0)
        {
            return false;
        }

        for (var i = 0; i < eq; i++)
        {
            if (!(char.IsAsciiLetterOrDigit(word[i]) || word[i] == '_') || (i == 0 && char.IsAsciiDigit(word[i])))
            {
                return false;
            }
        }

        return true;
    }
}
