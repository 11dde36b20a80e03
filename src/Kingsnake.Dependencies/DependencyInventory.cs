using Kingsnake.Core.Auditing;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Inventory;
using Kingsnake.Dependencies.Reading;

namespace Kingsnake.Dependencies;

/// <summary>
/// Every dependency the inputs declare or pin, in input order, with the errors and notes met on the way.
/// The same package can appear several times (declared in pyproject.toml and pinned in a lockfile, say):
/// each entry says where it came from, and the auditor decides how to merge them.
/// </summary>
public sealed record DependencyInventory(
    IReadOnlyList<Component> Components,
    IReadOnlyList<InputError> Errors,
    IReadOnlyList<InputNote> Notes,
    IReadOnlyList<FileReadTiming> Timings)
{
    public static DependencyInventory Empty { get; } = new([], [], [], []);

    /// <summary>
    /// The Python range a <c>pyproject.toml</c> (<c>requires-python</c>) or PEP 723 script declares for the dependencies it
    /// lists, by the report path of the file; files that declare none are absent.
    /// </summary>
    public IReadOnlyDictionary<string, SupportedPython> DeclaredPython { get; init; } = new Dictionary<string, SupportedPython>();
}
