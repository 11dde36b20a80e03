using Kingsnake.Project.Files;

namespace Kingsnake.Cli.Fixing;

/// <summary>Puts a fixed file in place.</summary>
internal static class FixedFileWriter
{
    /// <summary>
    /// Writes the fixed text in place of the file, atomically: a temporary file beside it, then a rename. Nothing is
    /// written when the file no longer holds the bytes the fixes were computed from (an editor saved it meanwhile), or when
    /// it is a link: the rename would replace the link with a regular file, and what it points at is not the project's to edit.
    /// </summary>
    public static string? Write(FileFix file)
    {
        if (NativeFiles.KindOf(file.FullPath) is var kind && kind != EntryKind.Regular)
        {
            return $"it is {kind.Describe()}; not written (fix the file it points at instead)";
        }

        var temporary = $"{file.FullPath}.kingsnake-fix-{Environment.ProcessId}.tmp";
        try
        {
            byte[] current;
            try
            {
                current = BoundedFileReader.Read(file.FullPath, Math.Max(BoundedFileReader.DefaultMaxBytes, file.OriginalBytes.Length));
            }
            catch (Kingsnake.Core.Findings.InputFormatException ex)
            {
                return $"{ex.Message}; not written";
            }

            if (!current.AsSpan().SequenceEqual(file.OriginalBytes))
            {
                return "changed since it was read; not written (run kingsnake fix again)";
            }

            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                stream.Write(file.FixedBytes());
                stream.Flush(flushToDisk: true);
            }

            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, File.GetUnixFileMode(file.FullPath));
            }

            File.Move(temporary, file.FullPath, overwrite: true);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            try
            {
                File.Delete(temporary);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                // the write already failed; that is the error worth reporting
            }

            return $"cannot write: {ex.Message}";
        }
    }
}
