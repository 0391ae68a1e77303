using Bot.Host.Chat;
using Bot.Host.Cli;
using Bot.Host.Feedback;
using Bot.Host.Health;
using Bot.Host.Knowledge;
using Bot.Host.Logging;
using Bot.Host.Telegram;

namespace Bot.Host;

/// <summary>
/// The bot's one composition: configuration sources in their order, then every service. Program runs it as the
/// process; the tests start the same host inside their own process where no process boundary is under test.
/// </summary>
public static class BotHost
{
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

    /// <summary>No verb and no token: the console chat over the same pipeline.</summary>
    public static bool RunsConsoleChat(CommandLine cli, IConfiguration configuration) =>
        cli.Verb is null && string.IsNullOrWhiteSpace(configuration["Telegram:BotToken"]);

    /// <summary>No verb and a token: the Telegram worker.</summary>
    public static bool RunsTelegram(CommandLine cli, IConfiguration configuration) =>
        cli.Verb is null && !RunsConsoleChat(cli, configuration);

    /// <summary>
    /// Every service of the bot. The log goes to stderr, or to <paramref name="log"/> when given (an in-process host,
    /// which then leaves Serilog's static logger alone).
    /// </summary>
    public static HostApplicationBuilder AddBot(this HostApplicationBuilder builder, CommandLine cli, TextWriter? log = null)
    {
        bool telegram = RunsTelegram(cli, builder.Configuration);
        builder.Services.AddBotLogging(builder.Configuration, log);
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
