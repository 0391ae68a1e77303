using Serilog;
using Serilog.Configuration;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Display;
using Serilog.Settings.Configuration;

namespace Bot.Host.Logging;

public static class LoggingExtensions
{
    private const string Template = "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    /// <summary>
    /// The bootstrap logger used until configuration is read: stderr only, so stdout stays clean for answers; or
    /// <paramref name="log"/> when given (the program inside another process).
    /// </summary>
    public static Serilog.ILogger CreateBootstrapLogger(TextWriter? log = null)
    {
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning);
        return log is null ? configuration.WriteTo.Output(null).CreateBootstrapLogger() : configuration.WriteTo.Output(log).CreateLogger();
    }

    /// <summary>
    /// Serilog from the "Serilog" configuration section; every event goes to stderr with bot tokens masked, or to
    /// <paramref name="log"/> when given: a host inside another process (the tests), which keeps its own logger and
    /// leaves Serilog's static one to its owner.
    /// </summary>
    public static IServiceCollection AddBotLogging(this IServiceCollection services, IConfiguration configuration, TextWriter? log = null) =>
        services.AddSerilog((sp, logger) => logger
            // Naming the sink assembly spares Serilog a scan of every dependency at start (about a tenth of a second).
            .ReadFrom.Configuration(configuration, new ConfigurationReaderOptions(typeof(ConsoleLoggerConfigurationExtensions).Assembly))
            .ReadFrom.Services(sp)
            .Enrich.FromLogContext()
            // The host logs a failed start with the whole stack; for the faults the bot explains itself (a damaged
            // inbox, an index it cannot write) Program logs one clear line instead.
            .Filter.ByExcluding(e => e.Level < LogEventLevel.Fatal && e.Exception is Knowledge.IndexStorageException or Telegram.Polling.InboxDamagedException or
                Bot.Retrieval.Documents.KnowledgeFolderUnavailableException)
            .WriteTo.Output(log), preserveStaticLogger: log is not null);

    // Where every event goes, token-masked: stderr, or the writer given.
    private static LoggerConfiguration Output(this LoggerSinkConfiguration to, TextWriter? log) =>
        log is null ? to.Console(Masked(), standardErrorFromLevel: LogEventLevel.Verbose) : to.Sink(new WriterSink(Masked(), log));

    private static TokenMaskingFormatter Masked() =>
        new(new MessageTemplateTextFormatter(Template, System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Writes each event to one writer, one event at a time.</summary>
    private sealed class WriterSink(ITextFormatter formatter, TextWriter writer) : ILogEventSink
    {
        private readonly Lock gate = new();

        public void Emit(LogEvent logEvent)
        {
            lock (gate) formatter.Format(logEvent, writer);
        }
    }
}
