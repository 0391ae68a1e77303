using Bot.Host;
using Bot.Host.Cli;

namespace Bot.Tests.Support;

/// <summary>
/// The program's own run — <see cref="BotHost.RunAsync"/>, all Program does after the parser child's check — inside the
/// test process: the same parsing, configuration check, composition, verbs and exit codes, with stdout and stderr
/// captured and the environment given instead of the process's. For tests of what a verb does; the command-line
/// contract itself (the binary's stdout, exit codes, help) and kills run <see cref="HostProcess"/>.
/// </summary>
internal static class InProcessCli
{
    public static Task<(int Code, string Stdout, string Stderr)> RunAsync(string workingDirectory, params string[] args) =>
        RunAsync(workingDirectory, null, args);

    public static async Task<(int Code, string Stdout, string Stderr)> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string?>? environment, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var console = new CliConsole(TextWriter.Synchronized(stdout), TextWriter.Synchronized(stderr));
        var code = await BotHost.RunAsync(args, workingDirectory, console, Environment(workingDirectory, environment));
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>
    /// What a child started in <paramref name="workingDirectory"/> would see: no bot token unless given, and the
    /// defaults' relative paths (knowledge/, data/...) under that directory rather than the test process's.
    /// </summary>
    public static Dictionary<string, string?> Environment(string workingDirectory, IReadOnlyDictionary<string, string?>? given = null)
    {
        var environment = new Dictionary<string, string?>(given ?? new Dictionary<string, string?>());
        environment.TryAdd("Telegram__BotToken", null);
        environment.TryAdd("Knowledge__Folder", Path.Combine(workingDirectory, "knowledge"));
        environment.TryAdd("Index__Embedded__Path", Path.Combine(workingDirectory, "data", "index.db"));
        environment.TryAdd("Feedback__Path", Path.Combine(workingDirectory, "data", "feedback.db"));
        environment.TryAdd("Index__Qdrant__ManifestPath", Path.Combine(workingDirectory, "data", "qdrant-manifest.db"));
        return environment;
    }
}
