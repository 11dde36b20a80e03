namespace Kingsnake.Project.Auditing;

/// <summary>
/// How far a run has come, for a progress display: which area is running, how many areas are done, and how many of the
/// files an area planned to read it has finished. Auditors only count (from any thread); whoever shows progress polls.
/// </summary>
public sealed class AuditProgress
{
    private int _filesPlanned;
    private int _filesDone;
    private int _areasDone;
    private volatile string _stage = "";

    /// <summary>The area running now ("code", "workflows", "deps"), or empty before the first.</summary>
    public string Stage => _stage;

    public int FilesPlanned => Volatile.Read(ref _filesPlanned);

    public int FilesDone => Volatile.Read(ref _filesDone);

    public int AreasDone => Volatile.Read(ref _areasDone);

    /// <summary>An area starts: its files are counted from zero.</summary>
    public void StartArea(string area)
    {
        Volatile.Write(ref _filesPlanned, 0);
        Volatile.Write(ref _filesDone, 0);
        _stage = area;
    }

    public void AreaDone() => Interlocked.Increment(ref _areasDone);

    /// <summary>The running area will read <paramref name="count"/> more files.</summary>
    public void PlanFiles(int count) => Interlocked.Add(ref _filesPlanned, count);

    public void FileDone() => Interlocked.Increment(ref _filesDone);
}
