namespace Kingsnake.Project.Git;

/// <summary>
/// An author, committer or tagger line: <c>Name &lt;email&gt; 1700000000 +0200</c>. <see cref="When"/> keeps the
/// writer's own offset. A line git accepts but <see cref="DateTimeOffset"/> cannot hold (an offset past ±14:00 or with
/// 60 minutes or more, a time outside years 1–9999) keeps <see cref="UnixSeconds"/> exact and gives <see cref="When"/>
/// in UTC, clamped to the representable range, rather than failing the commit.
/// </summary>
public sealed record GitPerson(string Name, string Email, long UnixSeconds, DateTimeOffset When)
{
    private static readonly long MinUnixSeconds = DateTimeOffset.MinValue.ToUnixTimeSeconds();
    private static readonly long MaxUnixSeconds = DateTimeOffset.MaxValue.ToUnixTimeSeconds();

    /// <summary>Reads the part of a header line after its keyword; null when it is not an identity line.</summary>
    public static GitPerson? Parse(ReadOnlySpan<char> line)
    {
        var open = line.IndexOf('<');
        if (open < 0)
        {
            return null;
        }

        var close = line[open..].IndexOf('>');
        if (close < 0)
        {
            return null;
        }

        close += open;
        var name = line[..open].Trim().ToString();
        var email = line[(open + 1)..close].ToString();
        var rest = line[(line.LastIndexOf('>') + 1)..].Trim(); // git reads the date after the last '>', the email up to the first
        var space = rest.IndexOf(' ');
        var secondsText = space < 0 ? rest : rest[..space];
        var zoneText = space < 0 ? [] : rest[(space + 1)..].Trim();
        if (!long.TryParse(secondsText, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
        {
            seconds = 0; // git prints such a commit at the epoch too
        }

        var offset = TimeSpan.Zero;
        if (zoneText.Length == 5 && zoneText[0] is '+' or '-' && int.TryParse(zoneText[1..3], out var hours) && int.TryParse(zoneText[3..], out var minutes)
            && minutes < 60 && hours * 60 + minutes <= 14 * 60)
        {
            offset = new TimeSpan(hours, minutes, 0);
            if (zoneText[0] == '-')
            {
                offset = -offset;
            }
        }

        // a day inside the range leaves room for any offset DateTimeOffset accepts
        var clamped = Math.Clamp(seconds, MinUnixSeconds + 86_400, MaxUnixSeconds - 86_400);
        return new GitPerson(name, email, seconds, DateTimeOffset.FromUnixTimeSeconds(clamped).ToOffset(offset));
    }
}
