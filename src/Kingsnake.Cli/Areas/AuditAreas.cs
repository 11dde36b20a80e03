using Kingsnake.Core.Rules;

namespace Kingsnake.Cli.Areas;

/// <summary>
/// Every audit area, in the order of the data flow (what a project depends on, how it is built, what it runs): the one
/// place a new area is added. Each command gets bindings of its own (options belong to one command).
/// </summary>
internal static class AuditAreas
{
    public static IReadOnlyList<AreaBinding> Create() => [new DependencyArea(), new WorkflowArea(), new CodeArea()];

    /// <summary>The areas' descriptors, in order.</summary>
    public static IReadOnlyList<AuditArea> Descriptors { get; } = [.. Create().Select(b => b.Area)];

    /// <summary>Every rule of every area.</summary>
    public static RuleRegistry Registry { get; } = new([.. Descriptors.SelectMany(a => a.Rules)]);
}
