namespace Kingsnake.Posture.Checks.Scorecard;

/// <summary>
/// SPDX licence ids that the SPDX licence list marks OSI-approved or FSF-libre (the licences Scorecard's License check
/// gives its approval point to), compared ignoring case; deprecated GNU ids without <c>-only</c>/<c>-or-later</c> included.
/// </summary>
internal static class ApprovedLicenses
{
    private static readonly HashSet<string> Ids = new(StringComparer.OrdinalIgnoreCase)
    {
        "0BSD", "AAL", "AFL-1.1", "AFL-1.2", "AFL-2.0", "AFL-2.1", "AFL-3.0", "AGPL-3.0", "AGPL-3.0-only", "AGPL-3.0-or-later",
        "Apache-1.0", "Apache-1.1", "Apache-2.0", "APL-1.0", "APSL-1.0", "APSL-1.1", "APSL-1.2", "APSL-2.0", "Artistic-1.0",
        "Artistic-1.0-cl8", "Artistic-1.0-Perl", "Artistic-2.0", "BitTorrent-1.1", "BlueOak-1.0.0", "BSD-1-Clause", "BSD-2-Clause",
        "BSD-2-Clause-Patent", "BSD-3-Clause", "BSD-3-Clause-Clear", "BSD-3-Clause-LBNL", "BSL-1.0", "CAL-1.0",
        "CAL-1.0-Combined-Work-Exception", "CATOSL-1.1", "CC-BY-4.0", "CC-BY-SA-4.0", "CC0-1.0", "CDDL-1.0", "CECILL-2.0",
        "CECILL-2.1", "CECILL-B", "CECILL-C", "CERN-OHL-P-2.0", "CERN-OHL-S-2.0", "CERN-OHL-W-2.0", "ClArtistic", "CNRI-Python",
        "Condor-1.1", "CPAL-1.0", "CPL-1.0", "CUA-OPL-1.0", "ECL-1.0", "ECL-2.0", "EFL-1.0", "EFL-2.0", "Entessa", "EPL-1.0",
        "EPL-2.0", "EUDatagrid", "EUPL-1.1", "EUPL-1.2", "FSFAP", "FTL", "Frameworx-1.0", "GFDL-1.1", "GFDL-1.1-only",
        "GFDL-1.1-or-later", "GFDL-1.2", "GFDL-1.2-only", "GFDL-1.2-or-later", "GFDL-1.3", "GFDL-1.3-only", "GFDL-1.3-or-later",
        "GPL-2.0", "GPL-2.0-only", "GPL-2.0-or-later", "GPL-2.0+", "GPL-3.0", "GPL-3.0-only", "GPL-3.0-or-later", "GPL-3.0+",
        "HPND", "gnuplot", "iMatix", "Imlib2", "Intel", "IPA", "IPL-1.0", "ISC", "Jam", "LGPL-2.0", "LGPL-2.0-only",
        "LGPL-2.0-or-later", "LGPL-2.1", "LGPL-2.1-only", "LGPL-2.1-or-later", "LGPL-2.1+", "LGPL-3.0", "LGPL-3.0-only",
        "LGPL-3.0-or-later", "LGPL-3.0+", "LiLiQ-P-1.1", "LiLiQ-R-1.1", "LiLiQ-Rplus-1.1", "LPL-1.0", "LPL-1.02", "LPPL-1.2",
        "LPPL-1.3a", "LPPL-1.3c", "MirOS", "MIT", "MIT-0", "MIT-Modern-Variant", "Motosoto", "MPL-1.0", "MPL-1.1", "MPL-2.0",
        "MPL-2.0-no-copyleft-exception", "MS-PL", "MS-RL", "MulanPSL-2.0", "Multics", "NASA-1.3", "Naumen", "NCSA", "NGPL",
        "Nokia", "NOSL", "NPL-1.0", "NPL-1.1", "NPOSL-3.0", "NTP", "ODbL-1.0", "OFL-1.0", "OFL-1.1", "OFL-1.1-no-RFN",
        "OFL-1.1-RFN", "OGTSL", "OLDAP-2.3", "OLDAP-2.7", "OLDAP-2.8", "OpenSSL", "OSET-PL-2.1", "OSL-1.0", "OSL-1.1",
        "OSL-2.0", "OSL-2.1", "OSL-3.0", "PHP-3.0", "PHP-3.01", "PostgreSQL", "PSF-2.0", "Python-2.0", "Python-2.0.1", "QPL-1.0",
        "RPL-1.1", "RPL-1.5", "RPSL-1.0", "RSCPL", "Ruby", "SGI-B-2.0", "SimPL-2.0", "SISSL", "Sleepycat", "SMLNJ", "SPL-1.0",
        "UCL-1.0", "Unicode-DFS-2015", "Unicode-DFS-2016", "Unicode-3.0", "Unlicense", "UPL-1.0", "Vim", "VSL-1.0", "W3C",
        "W3C-20150513", "Watcom-1.0", "X11", "XFree86-1.1", "xinetd", "YPL-1.1", "Zend-2.0", "Zimbra-1.3", "Zlib", "ZPL-2.0",
        "ZPL-2.1",
    };

    public static bool IsApproved(string spdxId) => Ids.Contains(spdxId);
}
