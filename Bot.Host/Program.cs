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

// The parser child (see ChildProcessExtractor): one file in, JSON out, nothing else started.
if (args is ["extract", var parseFile]) return Bot.Retrieval.Documents.Extraction.DocumentParsers.RunChild(parseFile, Console.Out);

Log.Logger = LoggingExtensions.CreateBootstrapLogger();
try
{
    var cli = CommandLine.Parse(args, Environment.CurrentDirectory, out var usageError, out var print);
    if (print is not null)
    {
        print(Console.Out);
        return 0;
    }

    if (cli is null)
    {
        Console.Error.WriteLine($"error: {usageError}");
        return 2;
    }

    var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
    {
        // appsettings.json sits at the repository root and is copied beside the binary; relative paths in it resolve
        // against the working directory.
        ContentRootPath = AppContext.BaseDirectory,
        Args = [],
    });
    // Docker and compose secrets: one value a file, named by its key (/run/secrets/Telegram__BotToken). They come after
    // appsettings.json and the environment, and before the command line.
    builder.Configuration.AddKeyPerFile(Environment.GetEnvironmentVariable("CHATBOT_SECRETS_DIR") is { Length: > 0 } secrets ? secrets : "/run/secrets", optional: true);
    builder.Configuration.AddInMemoryCollection(cli.Configuration);
    bool consoleChat = cli.Verb is null && string.IsNullOrWhiteSpace(builder.Configuration["Telegram:BotToken"]);
    if (consoleChat && !cli.Configuration.ContainsKey("Serilog:MinimumLevel:Default") && Environment.GetEnvironmentVariable("Serilog__MinimumLevel__Default") is null)
    {
        // The chat shares the terminal with the log: only warnings and errors interleave with answers, unless asked otherwise.
        builder.Configuration.AddInMemoryCollection([new("Serilog:MinimumLevel:Default", "Warning")]);
    }
    var check = ConfigurationCheck.Check(builder.Configuration);
    foreach (var warning in check.Warnings) Log.Warning("Configuration: {Warning}", warning);
    if (check.Errors.Count > 0)
    {
        Log.Fatal("Configuration is invalid: {Failures}", string.Join("; ", check.Errors));
        return 1;
    }

    builder.Services.AddBotLogging(builder.Configuration);
    builder.Services.AddSingleton(TimeProvider.System);
    builder.Services.AddKnowledge(builder.Configuration);
    builder.Services.AddSingleton<ChatCommands>();
    builder.Services.AddSingleton<CliVerbs>();
    builder.Services.AddFeedback();
    builder.Services.AddTelegramOptions();
    bool telegram = cli.Verb is null && !consoleChat;
    if (telegram) builder.Services.AddTelegram();
    else if (cli.Verb is null) builder.Services.AddHostedService<ConsoleChat>();
    // After the Telegram worker's start-up (which brings the index up to date): the first health line reads the index it built.
    builder.Services.AddBotHealth(publish: telegram);

    using var host = builder.Build();
    if (cli.Verb is null)
    {
        if (!telegram) Log.Information("No Telegram token (Telegram:BotToken): running the console chat");
        await host.RunAsync();
        return Environment.ExitCode;
    }

    // Verbs run without starting hosted services; options are validated up front as ValidateOnStart would.
    host.Services.GetRequiredService<IStartupValidator>().Validate();
    using var cancel = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
    return await host.Services.GetRequiredService<CliVerbs>().RunAsync(cli, cancel.Token);
}
catch (OptionsValidationException ex)
{
    Log.Fatal("Configuration is invalid: {Failures}", string.Join("; ", ex.Failures));
    return 1;
}
catch (Exception ex) when (ex is IndexStorageException or InboxDamagedException or Bot.Retrieval.Index.IndexUnavailableException or
                               Bot.Retrieval.Documents.KnowledgeFolderUnavailableException or Bot.Retrieval.Index.IndexBuiltOtherwiseException)
{
    Log.Fatal("{Error}", ex.Message);
    return 1;
}
catch (Exception ex)
{
    Log.Fatal(ex, "Bot.Host stopped");
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}
