using System.Diagnostics;
using System.Text;

namespace Bot.Tests.Support;

/// <summary>Runs the real Bot.Host binary as a child process, the way a user or a script does.</summary>
public sealed class HostProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder stdout = new();
    private readonly StringBuilder stderr = new();
    private readonly Lock gate = new();

    private HostProcess(IEnumerable<string> args, string workingDirectory, IDictionary<string, string?>? environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            StandardInputEncoding = new UTF8Encoding(false),
        };
        start.ArgumentList.Add(Repo.HostDll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment.Remove("Telegram__BotToken");
        if (environment is not null)
        {
            foreach (var (key, value) in environment) start.Environment[key] = value;
        }

        process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (gate) stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (gate) stderr.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Stdout { get { lock (gate) return stdout.ToString(); } }

    public string Stderr { get { lock (gate) return stderr.ToString(); } }

    public StreamWriter Stdin => process.StandardInput;

    public bool HasExited => process.HasExited;

    public int Id => process.Id;

    /// <summary>Resident memory now and its peak so far, in MB, from /proc (Linux); nulls elsewhere.</summary>
    public (double? Current, double? Peak) Memory()
    {
        var status = $"/proc/{process.Id}/status";
        if (!File.Exists(status)) return (null, null);
        double? Read(string key) => File.ReadLines(status).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal)) is { } line
            ? double.Parse(line[key.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) / 1024
            : null;
        try
        {
            return (Read("VmRSS:"), Read("VmHWM:"));
        }
        catch (IOException)
        {
            return (null, null); // the process ended meanwhile
        }
    }

    public static HostProcess Start(string workingDirectory, params string[] args) => new(args, workingDirectory, null);

    public static HostProcess Start(string workingDirectory, IDictionary<string, string?> environment, params string[] args) =>
        new(args, workingDirectory, environment);

    /// <summary>Runs to completion and returns (exit code, stdout, stderr).</summary>
    public static async Task<(int Code, string Stdout, string Stderr)> RunAsync(string workingDirectory, params string[] args)
    {
        using var host = Start(workingDirectory, args);
        host.Stdin.Close();
        var code = await host.WaitAsync(TimeSpan.FromMinutes(3));
        return (code, host.Stdout, host.Stderr);
    }

    public async Task<int> WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"Bot.Host did not exit within {timeout}. stderr:\n{Stderr}");
        }

        process.WaitForExit(); // flushes the redirected streams
        return process.ExitCode;
    }

    /// <summary>Waits until stderr (the log) contains <paramref name="text"/>, <paramref name="times"/> times over.</summary>
    public async Task WaitForLogAsync(string text, TimeSpan timeout, int times = 1)
    {
        var clock = Stopwatch.StartNew();
        while (Occurrences(Stderr, text) < times)
        {
            if (process.HasExited) throw new InvalidOperationException($"Bot.Host exited before logging '{text}'. stderr:\n{Stderr}");
            if (clock.Elapsed > timeout) throw new TimeoutException($"'{text}' not logged within {timeout}. stderr:\n{Stderr}");
            await Task.Delay(10);
        }
    }

    public static int Occurrences(string text, string part)
    {
        int count = 0;
        for (int at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal)) count++;
        return count;
    }

    /// <summary>SIGKILL on Linux: no finally blocks, no flushing.</summary>
    public void Kill()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public void Dispose()
    {
        Kill();
        process.Dispose();
    }
}
