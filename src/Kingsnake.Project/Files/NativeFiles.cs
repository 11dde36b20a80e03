using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Kingsnake.Project.Files;

/// <summary>
/// The two questions .NET cannot answer about a file: what kind of entry it is (a FIFO, a device and an empty regular
/// file all look like <c>Attributes=Normal, Length=0</c> to <see cref="FileInfo"/>), and how to open it without
/// blocking (opening a FIFO for reading waits for a writer) and without following a link that was swapped in after
/// the walk looked. On Linux and macOS they go to the C library (<c>open</c> with <c>O_NONBLOCK | O_NOFOLLOW</c>, then
/// the opened descriptor's own type); elsewhere to .NET's attributes, where Windows has neither FIFOs nor device files
/// on a path a walk can meet.
/// </summary>
public static partial class NativeFiles
{
    private const int LinuxAtFdCwd = -100;
    private const int LinuxAtSymlinkNoFollow = 0x100;
    private const int LinuxAtEmptyPath = 0x1000;
    private const uint LinuxStatxType = 0x1;

    // struct statx is the same on every Linux architecture: stx_mode is a u16 at byte 28 of a 256-byte record
    private const int LinuxStatxSize = 256;
    private const int LinuxStatxModeOffset = 28;

    // struct stat on 64-bit macOS (64-bit inodes): st_dev is an i32 at 0, st_mode a u16 at 4; the record is 144 bytes
    private const int MacStatSize = 144;
    private const int MacStatModeOffset = 4;

    private const int ErrnoLoop = 40; // Linux ELOOP: O_NOFOLLOW met a link
    private const int MacErrnoLoop = 62;

    private static readonly bool IsLinux = OperatingSystem.IsLinux();
    private static readonly bool IsMac = OperatingSystem.IsMacOS() && RuntimeInformation.ProcessArchitecture == Architecture.Arm64;

    /// <summary>True where the kind of an entry comes from the operating system itself.</summary>
    public static bool IsNative => IsLinux || IsMac;

    private static int OpenFlags => IsLinux
        ? 0x800 /* O_NONBLOCK */ | 0x80000 /* O_CLOEXEC */ | (RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? 0x8000 : 0x20000) /* O_NOFOLLOW */
        : 0x4 /* O_NONBLOCK */ | 0x100 /* O_NOFOLLOW */ | 0x1000000 /* O_CLOEXEC */;

    /// <summary>The kind of the entry at <paramref name="path"/>, not following a final link.</summary>
    public static EntryKind KindOf(string path)
    {
        if (IsLinux)
        {
            Span<byte> buffer = stackalloc byte[LinuxStatxSize];
            return LinuxStatx(LinuxAtFdCwd, path, LinuxAtSymlinkNoFollow, LinuxStatxType, ref MemoryMarshal.GetReference(buffer)) == 0
                ? FromMode(BitConverter.ToUInt16(buffer[LinuxStatxModeOffset..]))
                : EntryKind.Missing;
        }

        if (IsMac)
        {
            Span<byte> buffer = stackalloc byte[MacStatSize];
            return MacLstat(path, ref MemoryMarshal.GetReference(buffer)) == 0
                ? FromMode(BitConverter.ToUInt16(buffer[MacStatModeOffset..]))
                : EntryKind.Missing;
        }

        return ManagedKindOf(path);
    }

    /// <summary>
    /// Opens <paramref name="path"/> for reading only if it is a regular file, and never blocks: the open does not
    /// follow a final link and does not wait on a FIFO, and the kind is taken from the opened descriptor, so an entry
    /// swapped between the walk and the open is judged as what was opened. Returns null with the kind met otherwise.
    /// </summary>
    public static SafeFileHandle? OpenRegular(string path, out EntryKind kind)
    {
        if (!IsNative)
        {
            kind = ManagedKindOf(path);
            return kind == EntryKind.Regular ? File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read) : null;
        }

        var descriptor = IsLinux ? LinuxOpen(path, OpenFlags) : MacOpen(path, OpenFlags);
        if (descriptor < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            kind = errno == (IsLinux ? ErrnoLoop : MacErrnoLoop) ? EntryKind.SymbolicLink : KindOf(path);
            if (kind == EntryKind.Regular)
            {
                throw new IOException($"cannot open: {Marshal.GetPInvokeErrorMessage(errno)}");
            }

            return null;
        }

        var handle = new SafeFileHandle(descriptor, ownsHandle: true);
        kind = DescriptorKind(handle);
        if (kind == EntryKind.Regular)
        {
            return handle;
        }

        handle.Dispose();
        return null;
    }

    private static EntryKind DescriptorKind(SafeFileHandle handle)
    {
        var added = false;
        handle.DangerousAddRef(ref added);
        try
        {
            var descriptor = (int)handle.DangerousGetHandle();
            if (IsLinux)
            {
                Span<byte> buffer = stackalloc byte[LinuxStatxSize];
                return LinuxStatx(descriptor, "", LinuxAtEmptyPath, LinuxStatxType, ref MemoryMarshal.GetReference(buffer)) == 0
                    ? FromMode(BitConverter.ToUInt16(buffer[LinuxStatxModeOffset..]))
                    : EntryKind.Other;
            }

            Span<byte> macBuffer = stackalloc byte[MacStatSize];
            return MacFstat(descriptor, ref MemoryMarshal.GetReference(macBuffer)) == 0
                ? FromMode(BitConverter.ToUInt16(macBuffer[MacStatModeOffset..]))
                : EntryKind.Other;
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    private static EntryKind FromMode(ushort mode) => (mode & 0xF000) switch
    {
        0x8000 => EntryKind.Regular,
        0x4000 => EntryKind.Directory,
        0xA000 => EntryKind.SymbolicLink,
        0x1000 => EntryKind.Fifo,
        0x2000 => EntryKind.CharacterDevice,
        0x6000 => EntryKind.BlockDevice,
        0xC000 => EntryKind.Socket,
        _ => EntryKind.Other,
    };

    private static EntryKind ManagedKindOf(string path)
    {
        FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
        if (!info.Exists)
        {
            return EntryKind.Missing;
        }

        var attributes = info.Attributes;
        return info.LinkTarget is not null || attributes.HasFlag(FileAttributes.ReparsePoint) ? EntryKind.SymbolicLink
            : attributes.HasFlag(FileAttributes.Directory) ? EntryKind.Directory
            : attributes.HasFlag(FileAttributes.Device) ? EntryKind.CharacterDevice
            : EntryKind.Regular;
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int LinuxStatx(int directory, string path, int flags, uint mask, ref byte buffer);

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int LinuxOpen(string path, int flags);

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int MacOpen(string path, int flags);

    [LibraryImport("libc", EntryPoint = "lstat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int MacLstat(string path, ref byte buffer);

    [LibraryImport("libc", EntryPoint = "fstat", SetLastError = true)]
    private static partial int MacFstat(int descriptor, ref byte buffer);
}
