using System.Text;

namespace Kingsnake.Reporting.Sarif;

/// <summary>
/// Where every artifact URI of a log is relative to. Paths in a report are relative to the project root, except for
/// inputs named outside it (an installed environment given with <c>--env</c>, a requirements file given with <c>-r</c>),
/// which arrive absolute. An absolute file URI ties the log to one machine, and GitHub tries to read such a URI
/// against the checkout; so each root outside the project gets a base id of its own, declared once in
/// <c>originalUriBaseIds</c>, and every artifact location is a relative URI under <c>%SRCROOT%</c> or one of those.
/// </summary>
internal sealed class SarifUriBases
{
    /// <summary>The base id of an installed environment: the directory holding its <c>.dist-info</c> folders.</summary>
    public const string EnvironmentPrefix = "ENV";

    /// <summary>The base id of any other input outside the project: the directory holding the file.</summary>
    public const string InputPrefix = "INPUT";

    private readonly string? _projectRoot;
    private readonly SortedDictionary<string, string> _idByRoot = new(StringComparer.Ordinal);

    /// <param name="projectRoot">The report's root (absolute, or not: then only relative paths are known to lie in it).</param>
    /// <param name="paths">Every path the log will write, so that the ids are numbered in one stable order.</param>
    public SarifUriBases(string projectRoot, IEnumerable<string> paths)
    {
        _projectRoot = IsAbsolute(projectRoot) ? Normalized(projectRoot).TrimEnd('/') : null;
        var environments = new SortedSet<string>(StringComparer.Ordinal);
        var others = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            if (!IsAbsolute(path) || UnderProject(Normalized(path)) is not null)
            {
                continue;
            }

            var (root, isEnvironment) = OutsideRoot(Normalized(path));
            (isEnvironment ? environments : others).Add(root);
        }

        // Numbered in path order, so the same inputs always give the same ids.
        var n = 0;
        foreach (var root in environments)
        {
            _idByRoot[root] = EnvironmentPrefix + (++n).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        n = 0;
        foreach (var root in others)
        {
            _idByRoot[root] = InputPrefix + (++n).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The bases to declare besides <c>%SRCROOT%</c>: id and absolute directory URI (ending in '/'), by id.</summary>
    public IEnumerable<(string Id, string Uri)> OutsideBases =>
        _idByRoot.Select(p => (p.Value, DirectoryUri(p.Key))).OrderBy(b => b.Item1, StringComparer.Ordinal);

    /// <summary>The project root as a directory URI, when it is absolute.</summary>
    public string? ProjectRootUri => _projectRoot is null ? null : DirectoryUri(_projectRoot);

    /// <summary>The relative URI and the base id it is relative to, for a path of the report.</summary>
    public (string Uri, string BaseId) Locate(string path)
    {
        if (!IsAbsolute(path))
        {
            return (SarifRenderer.RelativeUri(path), SarifRenderer.SourceRootId);
        }

        var normalized = Normalized(path);
        if (UnderProject(normalized) is { } inProject)
        {
            return (SarifRenderer.RelativeUri(inProject), SarifRenderer.SourceRootId);
        }

        var (root, _) = OutsideRoot(normalized);
        // Every writer passes its paths in when the bases are made: a path without a base is a bug of this renderer.
        var id = _idByRoot.TryGetValue(root, out var known) ? known : throw new InvalidOperationException($"no URI base for {path}");
        return (SarifRenderer.RelativeUri(normalized[root.Length..].TrimStart('/')), id);
    }

    /// <summary>The path relative to the project root when it lies inside it ("." for the root itself), else null.</summary>
    private string? UnderProject(string normalized)
    {
        if (_projectRoot is null)
        {
            return null;
        }

        if (normalized == _projectRoot)
        {
            return ".";
        }

        return normalized.StartsWith(_projectRoot + "/", StringComparison.Ordinal) ? normalized[(_projectRoot.Length + 1)..] : null;
    }

    /// <summary>
    /// The input root an absolute path outside the project belongs to. A file inside an installed package's metadata or
    /// code sits under the environment's directory, recognised by the <c>NAME-VERSION.dist-info</c> (or
    /// <c>.egg-info</c>) folder every installed distribution has (PEP 376, PEP 627); anything else is taken relative to
    /// its own directory.
    /// </summary>
    private static (string Root, bool IsEnvironment) OutsideRoot(string normalized)
    {
        var segments = normalized.Split('/');
        for (var i = segments.Length - 1; i > 0; i--)
        {
            if (segments[i].EndsWith(".dist-info", StringComparison.OrdinalIgnoreCase) || segments[i].EndsWith(".egg-info", StringComparison.OrdinalIgnoreCase))
            {
                return (i == 1 ? "/" : string.Join('/', segments, 0, i), true);
            }
        }

        var slash = normalized.LastIndexOf('/');
        return (slash <= 0 ? normalized[..(slash + 1)] : normalized[..slash], false);
    }

    private static string Normalized(string path) => path.Replace('\\', '/');

    private static bool IsAbsolute(string path) =>
        path.StartsWith('/') || path.StartsWith('\\') || (path.Length >= 3 && char.IsAsciiLetter(path[0]) && path[1] == ':' && path[2] is '/' or '\\');

    /// <summary>An absolute directory path as a <c>file:</c> URI ending in '/', each segment percent-encoded.</summary>
    private static string DirectoryUri(string directory)
    {
        var uri = new StringBuilder("file://");
        if (!directory.StartsWith('/'))
        {
            // C:/dir: the drive letter and its colon stay as they are (RFC 8089).
            uri.Append('/').Append(directory, 0, 2);
            directory = directory[2..];
        }

        uri.Append(SarifRenderer.RelativeUri(directory));
        if (uri[^1] != '/')
        {
            uri.Append('/');
        }

        return uri.ToString();
    }
}
