using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Toml;
using Kingsnake.Project;

namespace Kingsnake.Dependencies.Reading;

/// <summary>
/// TOML files of a project parsed once per <see cref="ProjectTree"/>: a <c>pyproject.toml</c> is read by the pyproject
/// reader, consulted for the direct dependencies of the lockfiles beside it, for the name of a local project a
/// requirement points at, and for <c>requires-python</c>; all of them share one parse (or one failure).
/// </summary>
internal static class ProjectDocuments
{
    private static readonly ConditionalWeakTable<ProjectTree, ConcurrentDictionary<string, Lazy<Parsed>>> Cache = new();

    /// <summary>
    /// The parsed TOML document at <paramref name="fullPath"/>, read through <paramref name="project"/>. Throws
    /// <see cref="InputFormatException"/> (a <see cref="TomlSyntaxException"/> for text that is not TOML) when it cannot
    /// be read or parsed; every caller gets the same outcome.
    /// </summary>
    public static TomlNode Toml(ProjectTree project, string fullPath)
    {
        var documents = Cache.GetValue(project, _ => new ConcurrentDictionary<string, Lazy<Parsed>>(StringComparer.Ordinal));
        var parsed = documents.GetOrAdd(
            Path.GetFullPath(fullPath),
            key => new Lazy<Parsed>(() => Parse(project, key), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
        if (parsed.Document is { } document)
        {
            return document;
        }

        // a fresh exception each time: the cached one's stack belongs to the first caller
        var error = parsed.Error!;
        throw error is TomlSyntaxException
            ? new TomlSyntaxException(error.Message, error.Line, error.Column)
            : new InputFormatException(error.Message, error.Line, error.Column);
    }

    private static Parsed Parse(ProjectTree project, string fullPath)
    {
        try
        {
            return new Parsed(TomlDocument.Parse(project.Read(fullPath).Text, project.Relative(fullPath)), null);
        }
        catch (InputFormatException ex)
        {
            return new Parsed(null, ex);
        }
    }

    private sealed record Parsed(TomlNode? Document, InputFormatException? Error);
}
