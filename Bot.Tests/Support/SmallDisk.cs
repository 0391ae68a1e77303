using System.Diagnostics;

namespace Bot.Tests.Support;

/// <summary>
/// A real file system of a few megabytes (tmpfs), to fill up: writes past its size fail with ENOSPC as on a full disk.
/// Mounting needs root (CAP_SYS_ADMIN); where that is missing, tests that need it skip and say why.
/// </summary>
public sealed class SmallDisk : IDisposable
{
    private SmallDisk(string path) => Path = path;

    public string Path { get; }

    public static SmallDisk? TryMount(string path, int megabytes, out string whyNot)
    {
        whyNot = "";
        if (!OperatingSystem.IsLinux())
        {
            whyNot = "a size-limited tmpfs needs Linux";
            return null;
        }

        Directory.CreateDirectory(path);
        var (code, error) = Run("mount", "-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", path);
        if (code == 0) return new SmallDisk(path);
        whyNot = $"cannot mount a {megabytes} MB tmpfs here (needs root): {error.Trim()}";
        return null;
    }

    public void Dispose() => Run("umount", "-l", Path);

    private static (int Code, string Error) Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        try
        {
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, error);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (-1, ex.Message);
        }
    }
}
