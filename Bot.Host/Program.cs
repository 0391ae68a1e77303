using Bot.Host;
using Bot.Host.Cli;
using Bot.Host.Configuration;
using Bot.Host.Knowledge;
using Bot.Host.Logging;
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

    var builder = BotHost.CreateBuilder(cli);
    var check = ConfigurationCheck.Check(builder.Configuration);
    foreach (var warning in check.Warnings) Log.Warning("Configuration: {Warning}", warning);
    if (check.Errors.Count > 0)
    {
        Log.Fatal("Configuration is invalid: {Failures}", string.Join("; ", check.Errors));
        return 1;
    }

    builder.AddBot(cli);
    bool telegram = BotHost.RunsTelegram(cli, builder.Configuration);
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
