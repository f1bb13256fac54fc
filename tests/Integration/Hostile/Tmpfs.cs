using System.Diagnostics;

namespace Tiled.IntegrationTests.Hostile;

/// <summary>Small tmpfs file systems a test fills to make a disk full (mounting needs root).</summary>
public static class Tmpfs
{
    /// <summary>Mounts a tmpfs of <paramref name="size"/> (e.g. <c>8m</c>) at <paramref name="path"/>; null, or why it cannot be mounted here.</summary>
    public static async Task<string?> MountAsync(string path, string size)
    {
        Directory.CreateDirectory(path);
        using var mount = Process.Start(new ProcessStartInfo("mount", ["-t", "tmpfs", "-o", $"size={size}", "tmpfs", path]) { RedirectStandardError = true })!;
        var error = await mount.StandardError.ReadToEndAsync();
        await mount.WaitForExitAsync();
        return mount.ExitCode == 0 ? null : $"cannot mount a tmpfs here ({error.Trim()})";
    }

    public static async Task UnmountAsync(string path)
    {
        using var unmount = Process.Start("umount", ["-l", path]);
        await unmount.WaitForExitAsync();
    }

    /// <summary>Writes <paramref name="path"/> until its file system is full (to the last 512 bytes).</summary>
    public static void Fill(string path)
    {
        using var file = File.OpenHandle(path, FileMode.Create, FileAccess.Write);
        var block = new byte[64 * 1024];
        foreach (var size in new[] { block.Length, 4096, 512 })
        {
            try
            {
                while (true)
                {
                    RandomAccess.Write(file, block.AsSpan(0, size), RandomAccess.GetLength(file));
                }
            }
            catch (IOException)
            {
                // Full for writes of this size.
            }
        }
    }
}
