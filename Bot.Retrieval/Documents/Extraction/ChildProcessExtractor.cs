using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Bot.Retrieval.Documents.Extraction;

/// <summary>
/// Runs the parsers in a child process, one file each: a hostile file can hang a parser, exhaust memory or overflow the
/// stack (which no catch can stop in-process), and all that is lost is the child. Wall-clock limit, a GC heap limit
/// in the child plus a working-set watchdog here, and an exit code that says how it ended.
/// </summary>
/// <param name="command">The program and leading arguments that start the host in parser mode; "extract PATH" is appended.</param>
public sealed class ChildProcessExtractor(IReadOnlyList<string> command, ExtractionLimits limits, ILogger<ChildProcessExtractor> logger) : IDocumentExtractor
{
    private const int MaxOutputChars = 256 * 1024 * 1024;

    /// <summary>The limits travel to the child in this environment variable, as JSON.</summary>
    public const string LimitsVariable = "CHATBOT_EXTRACTION_LIMITS";

    public Extraction Extract(string path, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in command.Skip(1)) start.ArgumentList.Add(arg);
        start.ArgumentList.Add("extract");
        start.ArgumentList.Add(Path.GetFullPath(path));
        long capBytes = (long)limits.MemoryLimitMB * 1024 * 1024;
        start.Environment["DOTNET_GCHeapHardLimit"] = "0x" + capBytes.ToString("X");
        start.Environment["DOTNET_gcServer"] = "0";
        start.Environment["DOTNET_TieredPGO"] = "0";
        start.Environment[LimitsVariable] = JsonSerializer.Serialize(limits, DocumentParsers.Json);
        foreach (var secret in start.Environment.Keys.Where(k => k.Contains("Token", StringComparison.OrdinalIgnoreCase) || k.Contains("ApiKey", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(secret); // a parser needs no secrets

        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        bool overflowed = false;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (stdout)
            {
                if (stdout.Length + e.Data.Length > MaxOutputChars) overflowed = true;
                else stdout.AppendLine(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) if (stderr.Length < 64 * 1024) stderr.AppendLine(e.Data); };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var problem = ExtractionProblem.None;
        long peak = 0;
        while (!process.WaitForExit(50))
        {
            if (cancellationToken.IsCancellationRequested)
            {
                Kill(process);
                cancellationToken.ThrowIfCancellationRequested();
            }

            try
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
            }
            catch (InvalidOperationException)
            {
                continue; // exited meanwhile
            }

            if (clock.Elapsed.TotalSeconds > limits.TimeoutSeconds) problem = ExtractionProblem.Timeout;
            else if (peak > capBytes * 3 / 2) problem = ExtractionProblem.MemoryLimit;
            if (problem != ExtractionProblem.None)
            {
                Kill(process);
                break;
            }
        }

        process.WaitForExit(); // drains the redirected streams
        var name = Path.GetFileName(path);
        string errors;
        lock (stderr) errors = stderr.ToString();
        if (problem == ExtractionProblem.None && process.ExitCode != 0)
        {
            problem = errors.Contains("OutOfMemory", StringComparison.Ordinal) || errors.Contains("GCHeapHardLimit", StringComparison.Ordinal)
                ? ExtractionProblem.MemoryLimit
                : ExtractionProblem.Crashed;
        }

        if (problem != ExtractionProblem.None || overflowed)
        {
            var detail = problem switch
            {
                ExtractionProblem.Timeout => $"the parser ran past {limits.TimeoutSeconds} s and was killed",
                ExtractionProblem.MemoryLimit => $"the parser went past {limits.MemoryLimitMB} MB and was stopped",
                _ when overflowed => "the parser's output was too large",
                _ => $"the parser process died (exit code {process.ExitCode}){FirstLine(errors)}",
            };
            logger.ParsingFailed(name, detail);
            return Extraction.Failed(overflowed ? ExtractionProblem.TooLarge : problem, detail);
        }

        try
        {
            string json;
            lock (stdout) json = stdout.ToString();
            var extraction = JsonSerializer.Deserialize<Extraction>(json, DocumentParsers.Json) ?? throw new JsonException("empty");
            logger.Parsed(name, clock.ElapsedMilliseconds, peak / (1024 * 1024));
            return extraction;
        }
        catch (JsonException ex)
        {
            logger.ParserReplyNotUnderstood(ex, name);
            return Extraction.Failed(ExtractionProblem.Crashed, "the parser's reply was not understood");
        }
    }

    private static string FirstLine(string errors)
    {
        var line = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return line is null ? "" : ": " + (line.Length > 200 ? line[..200] : line);
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }
    }
}
