using System.Runtime.InteropServices;

namespace Tiled.Infrastructure.ArrayStorage;

/// <summary>Linux <c>renameat2(RENAME_EXCHANGE)</c>: swaps two existing names in one atomic step.</summary>
internal static partial class NameExchange
{
    private const int CurrentDirectory = -100; // AT_FDCWD
    private const uint RenameExchange = 2;     // RENAME_EXCHANGE

    private static volatile bool _unavailable = !OperatingSystem.IsLinux();

    /// <summary>
    /// Swaps what <paramref name="first"/> and <paramref name="second"/> name. False, with nothing
    /// changed, when either is missing, the file system cannot exchange, or the C library (or the
    /// OS) has no <c>renameat2</c>.
    /// </summary>
    public static bool TrySwap(string first, string second)
    {
        if (_unavailable)
        {
            return false;
        }

        try
        {
            return RenameAt2(CurrentDirectory, first, CurrentDirectory, second, RenameExchange) == 0;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            _unavailable = true;
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "renameat2", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int RenameAt2(int oldDirectory, string oldPath, int newDirectory, string newPath, uint flags);
}
