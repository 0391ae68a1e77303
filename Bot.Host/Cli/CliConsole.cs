namespace Bot.Host.Cli;

/// <summary>
/// Where the program writes: stdout for answers, reports and JSON, stderr for the log and one-line errors. The process's
/// own console (which also brings Ctrl+C and Serilog's static logger with it), or two writers when the program runs
/// inside another process (the tests).
/// </summary>
public sealed record CliConsole(TextWriter Out, TextWriter Error)
{
    /// <summary>The process's console: Console.Out and Console.Error.</summary>
    public static CliConsole Process { get; } = new(Console.Out, Console.Error) { IsProcess = true };

    public bool IsProcess { get; private init; }
}
