using Bot.Host.Chat;
using Bot.Host.Cli;
using Bot.Host.Configuration;
using Bot.Host.Feedback;
using Bot.Host.Health;
using Bot.Host.Knowledge;
using Bot.Host.Logging;
using Bot.Host.Telegram;
using Bot.Host.Telegram.Polling;
using Microsoft.Extensions.Options;
using Serilog;

namespace Bot.Host;

/// <summary>
/// The bot's one composition and its one run: configuration sources in their order, every service, and the command
/// line's verbs and exit codes. Program runs it as the process; the tests run the same code inside their own process
/// where no process boundary is under test.
/// </summary>
public static class BotHost
{
    /// <summary>
    /// The program after the parser child's check: parses <paramref name="args"/> (relative paths against
    /// <paramref name="workingDirectory"/>), checks the configuration, then runs a verb or the bot, and returns the exit
    /// code of the contract (README, "Command line"). Inside another process, <paramref name="environment"/> stands for
    /// the process environment (see <see cref="CreateBuilder"/>).
    /// </summary>
    public static async Task<int> RunAsync(string[] args, string workingDirectory, CliConsole console, IReadOnlyDictionary<string, string?>? environment = null)
    {
        // Until configuration is read: stderr only, so stdout stays clean for answers.
        var log = LoggingExtensions.CreateBootstrapLogger(console.IsProcess ? null : console.Error);
        if (console.IsProcess) Log.Logger = log;
        try
        {
            var cli = CommandLine.Parse(args, workingDirectory, out var usageError, out var print);
            if (print is not null)
            {
                print(console.Out);
                return 0;
            }

            if (cli is null)
            {
                console.Error.WriteLine($"error: {usageError}");
                return 2;
            }

            var builder = CreateCheckedBuilder(cli, environment, log);
            if (builder is null) return 1;
            builder.AddBot(cli, console, console.IsProcess ? null : console.Error);
            bool telegram = RunsTelegram(cli, builder.Configuration);
            using var host = builder.Build();
            if (cli.Verb is null)
            {
                if (!telegram) log.Information("No Telegram token (Telegram:BotToken): running the console chat");
                await host.RunAsync();
                return Environment.ExitCode;
            }

            // Verbs run without starting hosted services; options are validated up front as ValidateOnStart would.
            host.Services.GetRequiredService<IStartupValidator>().Validate();
            using var cancel = new CancellationTokenSource();
            ConsoleCancelEventHandler interrupt = (_, e) =>
            {
                e.Cancel = true;
                cancel.Cancel();
            };
            if (console.IsProcess) Console.CancelKeyPress += interrupt;
            try
            {
                return await host.Services.GetRequiredService<CliVerbs>().RunAsync(cli, cancel.Token);
            }
            finally
            {
                if (console.IsProcess) Console.CancelKeyPress -= interrupt;
            }
        }
        catch (OptionsValidationException ex)
        {
            log.Fatal("Configuration is invalid: {Failures}", string.Join("; ", ex.Failures));
            return 1;
        }
        catch (Exception ex) when (ex is IndexStorageException or InboxDamagedException or Bot.Retrieval.Index.IndexUnavailableException or
                                       Bot.Retrieval.Documents.KnowledgeFolderUnavailableException or Bot.Retrieval.Index.IndexBuiltOtherwiseException)
        {
            log.Fatal("{Error}", ex.Message);
            return 1;
        }
        catch (Exception ex)
        {
            log.Fatal(ex, "Bot.Host stopped");
            return 1;
        }
        finally
        {
            if (console.IsProcess) await Log.CloseAndFlushAsync();
            else (log as IDisposable)?.Dispose();
        }
    }

    /// <summary>
    /// The builder with its configuration: appsettings.json beside the binary, the environment (or, in-process,
    /// <paramref name="environment"/> standing for it, as environment-variable names such as Telegram__BotToken), Docker
    /// secrets, then the command line's overrides.
    /// </summary>
    public static HostApplicationBuilder CreateBuilder(CommandLine cli, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            // appsettings.json sits at the repository root and is copied beside the binary; relative paths in it resolve
            // against the working directory.
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
        });
        if (environment is not null)
        {
            builder.Configuration.AddInMemoryCollection(environment.Select(e => KeyValuePair.Create(e.Key.Replace("__", ":", StringComparison.Ordinal), e.Value)));
        }

        // Docker and compose secrets: one value a file, named by its key (/run/secrets/Telegram__BotToken). They come after
        // appsettings.json and the environment, and before the command line.
        builder.Configuration.AddKeyPerFile(Variable("CHATBOT_SECRETS_DIR") is { Length: > 0 } secrets ? secrets : "/run/secrets", optional: true);
        builder.Configuration.AddInMemoryCollection(cli.Configuration);
        if (RunsConsoleChat(cli, builder.Configuration) && !cli.Configuration.ContainsKey("Serilog:MinimumLevel:Default") && Variable("Serilog__MinimumLevel__Default") is null)
        {
            // The chat shares the terminal with the log: only warnings and errors interleave with answers, unless asked otherwise.
            builder.Configuration.AddInMemoryCollection([new("Serilog:MinimumLevel:Default", "Warning")]);
        }

        return builder;

        string? Variable(string name) => environment is not null ? environment.GetValueOrDefault(name) : Environment.GetEnvironmentVariable(name);
    }

    /// <summary>
    /// <see cref="CreateBuilder"/>, its configuration checked: warnings and errors logged to <paramref name="log"/> one
    /// line each; null when there are errors.
    /// </summary>
    public static HostApplicationBuilder? CreateCheckedBuilder(CommandLine cli, IReadOnlyDictionary<string, string?>? environment, Serilog.ILogger log)
    {
        var builder = CreateBuilder(cli, environment);
        var check = ConfigurationCheck.Check(builder.Configuration);
        foreach (var warning in check.Warnings) log.Warning("Configuration: {Warning}", warning);
        if (check.Errors.Count == 0) return builder;
        log.Fatal("Configuration is invalid: {Failures}", string.Join("; ", check.Errors));
        return null;
    }

    /// <summary>No verb and no token: the console chat over the same pipeline.</summary>
    public static bool RunsConsoleChat(CommandLine cli, IConfiguration configuration) =>
        cli.Verb is null && string.IsNullOrWhiteSpace(configuration["Telegram:BotToken"]);

    /// <summary>No verb and a token: the Telegram worker.</summary>
    public static bool RunsTelegram(CommandLine cli, IConfiguration configuration) =>
        cli.Verb is null && !RunsConsoleChat(cli, configuration);

    /// <summary>
    /// Every service of the bot. The verbs write to <paramref name="console"/> (the process's when not given); the log
    /// goes to stderr, or to <paramref name="log"/> when given (a host inside another process, which then leaves
    /// Serilog's static logger alone).
    /// </summary>
    public static HostApplicationBuilder AddBot(this HostApplicationBuilder builder, CommandLine cli, CliConsole? console = null, TextWriter? log = null)
    {
        bool telegram = RunsTelegram(cli, builder.Configuration);
        builder.Services.AddBotLogging(builder.Configuration, log);
        builder.Services.AddSingleton(console ?? CliConsole.Process);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddKnowledge(builder.Configuration);
        builder.Services.AddSingleton<ChatCommands>();
        builder.Services.AddSingleton<CliVerbs>();
        builder.Services.AddFeedback();
        builder.Services.AddTelegramOptions();
        if (telegram) builder.Services.AddTelegram();
        else if (cli.Verb is null) builder.Services.AddHostedService<ConsoleChat>();
        // After the Telegram worker's start-up (which brings the index up to date): the first health line reads the index it built.
        builder.Services.AddBotHealth(publish: telegram);
        return builder;
    }
}
