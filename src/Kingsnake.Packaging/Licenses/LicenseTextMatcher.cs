using System.Text;

namespace Kingsnake.Packaging.Licenses;

/// <summary>
/// Names the license a license file holds (<c>LICENSE</c>, <c>COPYING</c>, a PEP 639 <c>License-File</c>), or says
/// nothing. Wrong ids are worse than none: an SBOM that says MIT where the file says something else misleads every
/// reader after it, so the matcher answers only when the text is plainly one license.
/// </summary>
/// <remarks>
/// The text is normalized (lower case, every run of non-letters and non-digits one space) and each known license is
/// checked by its distinctive clauses, as whole words: all of its required phrases must be there; none of its
/// excluded phrases (the clause that makes a stricter or a different variant: BSD-3-Clause's endorsement clause
/// excludes BSD-2-Clause, MIT's notice clause excludes MIT-0); no anchor phrase of another license family ("apache
/// license", "redistribution and use in source and binary forms", "cnri"…: a second license in the file); and the text
/// may not be much longer than the license itself (a file that bundles more than the license is not that license). When no license fits, or more than one
/// does, the answer is null. The GNU licenses' texts do not say whether "or later" applies (the program's notices
/// do), so their texts map to SPDX's version-only ids (<c>GPL-2.0</c>, <c>GPL-3.0</c>, <c>LGPL-2.1</c>,
/// <c>LGPL-3.0</c>, <c>AGPL-3.0</c>): deprecated but valid ids that state exactly what the text shows.
/// </remarks>
public static class LicenseTextMatcher
{
    /// <summary>Texts longer than this (1 MiB) are not read: no license text is that long.</summary>
    public const int MaxLength = 1 << 20;

    /// <summary>
    /// One license: its id, the phrases its text always has, the phrases that rule it out (a stricter or different
    /// variant's clause), the license families whose anchor phrases its own text contains (every other family's anchor
    /// rules it out), and its largest plausible size in words.
    /// </summary>
    private sealed record Template(string Id, string[] Required, string[] Excluded, Family[] Own, int MaxWords);

    /// <summary>License families, each known by phrases that only its texts (and texts that cite it) contain.</summary>
    private enum Family
    {
        Mit,
        Bsd,
        Isc,
        Apache,
        Mozilla,
        Gpl,
        Lgpl,
        Agpl,
        Python,
        PublicDomain,
        Zlib,
        Cc0,
    }

    private static readonly (Family Family, string Phrase)[] Anchors =
    [
        (Family.Mit, "permission is hereby granted free of charge"),
        (Family.Bsd, "redistribution and use in source and binary forms"),
        (Family.Isc, "permission to use copy modify"), // ISC, 0BSD and the older HPND-style notices
        (Family.Apache, "apache license"),
        (Family.Mozilla, "mozilla public license"),
        (Family.Gpl, "gnu general public license"),
        (Family.Lgpl, "gnu lesser general public license"),
        (Family.Lgpl, "gnu library general public license"),
        (Family.Agpl, "gnu affero general public license"),
        (Family.Python, "python software foundation license"),
        (Family.Python, "cnri"),
        (Family.Python, "beopen"),
        (Family.Python, "stichting mathematisch centrum"),
        (Family.PublicDomain, "released into the public domain"),
        (Family.Zlib, "must not be misrepresented"),
        (Family.Cc0, "cc0"),
    ];

    private static readonly Template[] Templates =
    [
        new("MIT",
            ["permission is hereby granted free of charge to any person obtaining a copy", "to deal in the software without restriction", "shall be included in all copies or substantial portions of the software", "without warranty of any kind"],
            ["in advertising or otherwise to promote"],
            [Family.Mit],
            260),
        new("MIT-0",
            ["permission is hereby granted free of charge to any person obtaining a copy", "to deal in the software without restriction", "to permit persons to whom the software is furnished to do so", "without warranty of any kind"],
            ["shall be included in all copies", "subject to the following conditions"],
            [Family.Mit],
            220),
        new("BSD-2-Clause",
            [BsdPermission, BsdSourceClause, BsdBinaryClause, BsdDisclaimer],
            ["endorse or promote products derived from this software", "all advertising materials", "no express or implied licenses to any party s patent rights"],
            [Family.Bsd],
            300),
        new("BSD-3-Clause",
            [BsdPermission, BsdSourceClause, BsdBinaryClause, "may be used to endorse or promote products derived from this software without specific prior written permission", BsdDisclaimer],
            ["all advertising materials", "no express or implied licenses to any party s patent rights"],
            [Family.Bsd],
            320),
        new("ISC",
            [IscPermission, "provided that the above copyright notice and this permission notice appear in all copies", "the software is provided as is and the author disclaims all warranties"],
            [],
            [Family.Isc],
            200),
        new("0BSD",
            [IscPermission, "the software is provided as is and the author disclaims all warranties"],
            ["provided that the above copyright notice"],
            [Family.Isc],
            180),
        new("Apache-2.0",
            ["apache license version 2 0 january 2004", "terms and conditions for use reproduction and distribution", "grant of patent license", "accepting warranty or additional liability"],
            [],
            [Family.Apache],
            1900),
        new("Apache-2.0", // the standard notice, which names the license instead of quoting it
            ["licensed under the apache license version 2 0 the license", "you may not use this file except in compliance with the license", "on an as is basis without warranties or conditions of any kind"],
            ["terms and conditions for use reproduction and distribution"],
            [Family.Apache],
            160),
        new("MPL-2.0",
            ["mozilla public license version 2 0", "contributor means each individual or legal entity that creates contributes to the creation of or owns covered software", "exhibit a source code form license notice"],
            [],
            [Family.Mozilla, Family.Gpl, Family.Lgpl, Family.Agpl], // its secondary licenses are named in it
            3000),
        new("MPL-2.0", // the notice Exhibit A asks for, which names the license instead of quoting it
            ["this source code form is subject to the terms of the mozilla public license v 2 0", "if a copy of the mpl was not distributed with this file"],
            ["contributor means each individual or legal entity"],
            [Family.Mozilla],
            220),
        new("GPL-2.0",
            ["gnu general public license version 2 june 1991", "this license applies to any program or other work which contains a notice placed by the copyright holder", "end of terms and conditions"],
            [],
            [Family.Gpl, Family.Lgpl], // its preamble points to the library license
            3600),
        new("GPL-3.0",
            ["gnu general public license version 3 29 june 2007", "this license refers to version 3 of the gnu general public license", "end of terms and conditions"],
            [],
            [Family.Gpl, Family.Lgpl, Family.Agpl],
            6800),
        new("AGPL-3.0",
            ["gnu affero general public license version 3 19 november 2007", "this license refers to version 3 of the gnu affero general public license", "end of terms and conditions"],
            ["gnu general public license version 3 29 june 2007"],
            [Family.Agpl, Family.Gpl],
            6900),
        new("LGPL-2.0",
            ["gnu library general public license version 2 june 1991", "this license agreement applies to any software library which contains a notice placed by the copyright holder", "end of terms and conditions"],
            ["gnu general public license version 2 june 1991"],
            [Family.Lgpl, Family.Gpl],
            5000),
        new("LGPL-2.1",
            ["gnu lesser general public license version 2 1 february 1999", "this license agreement applies to any software library or other program which contains a notice placed by the copyright holder", "end of terms and conditions"],
            ["gnu general public license version 2 june 1991"],
            [Family.Lgpl, Family.Gpl],
            5200),
        new("LGPL-3.0",
            ["gnu lesser general public license version 3 29 june 2007", "this version of the gnu lesser general public license incorporates the terms and conditions of version 3 of the gnu general public license"],
            ["gnu general public license version 3 29 june 2007"],
            [Family.Lgpl, Family.Gpl],
            1500),
        new("PSF-2.0",
            ["python software foundation license version 2", "this license agreement is between the python software foundation", "psf is making python available to licensee on an as is basis"],
            ["beopen", "cnri", "stichting mathematisch centrum"],
            [Family.Python],
            700),
        new("Unlicense",
            ["this is free and unencumbered software released into the public domain", "anyone is free to copy modify publish use compile sell or distribute this software", "for more information please refer to"],
            [],
            [Family.PublicDomain],
            300),
        new("Zlib",
            ["in no event will the authors be held liable for any damages arising from the use of this software", "the origin of this software must not be misrepresented", "altered source versions must be plainly marked as such", "this notice may not be removed or altered from any source distribution"],
            [],
            [Family.Zlib],
            250),
        new("CC0-1.0",
            ["cc0 1 0 universal", "statement of purpose", "waiver", "public license fallback"],
            [],
            [Family.Cc0, Family.PublicDomain],
            1400),
    ];

    private const string BsdPermission = "redistribution and use in source and binary forms with or without modification are permitted provided that the following conditions are met";
    private const string BsdSourceClause = "redistributions of source code must retain the above copyright notice";
    private const string BsdBinaryClause = "redistributions in binary form must reproduce the above copyright notice";
    private const string BsdDisclaimer = "as is and any express or implied warranties including but not limited to the implied warranties of merchantability and fitness for a particular purpose are disclaimed";
    private const string IscPermission = "permission to use copy modify and or distribute this software for any purpose with or without fee is hereby granted";

    /// <summary>The SPDX id of the one license <paramref name="text"/> is, or null when it is none of the known ones, several, or unsure.</summary>
    public static string? Identify(string text)
    {
        if (text.Length == 0 || text.Length > MaxLength)
        {
            return null;
        }

        var normalized = Normalize(text);
        var words = CountWords(normalized);
        normalized = " " + normalized + " "; // phrases match whole words only
        string? found = null;
        foreach (var template in Templates)
        {
            if (!Matches(template, normalized, words))
            {
                continue;
            }

            if (found is not null && found != template.Id)
            {
                return null; // two licenses fit: the file is a bundle or a variant; say nothing
            }

            found = template.Id;
        }

        return found;
    }

    /// <summary>
    /// The text as the templates are written: lower case, "licence" spelled "license", and every run of other
    /// characters than ASCII letters and digits one space. Copyright lines are kept: dropping them would also drop
    /// wrapped clauses that start with "copyright notice" or a sentence that names a second license.
    /// </summary>
    public static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = true;
        foreach (var c in text)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
                space = false;
            }
            else if (!space)
            {
                builder.Append(' ');
                space = true;
            }
        }

        return builder.Replace("licence", "license").ToString().Trim();
    }

    private static bool Matches(Template template, string normalized, int words)
    {
        if (words > template.MaxWords)
        {
            return false;
        }

        foreach (var phrase in template.Required)
        {
            if (!Has(normalized, phrase))
            {
                return false;
            }
        }

        foreach (var phrase in template.Excluded)
        {
            if (Has(normalized, phrase))
            {
                return false;
            }
        }

        foreach (var (family, phrase) in Anchors)
        {
            if (Array.IndexOf(template.Own, family) < 0 && Has(normalized, phrase))
            {
                return false; // another license is in the text too
            }
        }

        return true;
    }

    /// <summary>True when <paramref name="padded"/> (the normalized text with a space at each end) holds <paramref name="phrase"/> as whole words.</summary>
    private static bool Has(string padded, string phrase) => padded.Contains(" " + phrase + " ", StringComparison.Ordinal);

    private static int CountWords(string normalized)
    {
        if (normalized.Length == 0)
        {
            return 0;
        }

        var count = 1;
        foreach (var c in normalized)
        {
            if (c == ' ')
            {
                count++;
            }
        }

        return count;
    }
}
