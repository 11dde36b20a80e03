namespace Kingsnake.Project.Git;

/// <summary>The four kinds of object git stores; the values are the type codes a pack entry carries.</summary>
public enum GitObjectType
{
    Commit = 1,
    Tree = 2,
    Blob = 3,
    Tag = 4,
}
