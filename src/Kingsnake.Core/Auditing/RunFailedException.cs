namespace Kingsnake.Core.Auditing;

/// <summary>
/// The run cannot be done as asked: bad arguments, an unreadable or invalid configuration, no advisory database when
/// dependencies were asked for. The CLI prints the message and exits 2. A problem with one input file is an
/// <see cref="Findings.InputError"/> instead, reported beside the findings while the rest of the run goes on; the two
/// are told apart by type, never by message text.
/// </summary>
public class RunFailedException : Exception
{
    public RunFailedException(string message) : base(message) { }

    public RunFailedException(string message, Exception innerException) : base(message, innerException) { }

    public RunFailedException() { }
}
