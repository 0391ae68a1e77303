using Bot.Host.Telegram.Handling;
using Bot.Host.Telegram.Polling;
using Bot.Host.Telegram.Sending;
using Microsoft.Extensions.Options;
using global::Telegram.Bot;

namespace Bot.Host.Telegram;

public static class TelegramExtensions
{
    private const string TelegramClient = "telegram";

    public static IServiceCollection AddTelegramOptions(this IServiceCollection services)
    {
        services.AddOptions<TelegramOptions>().BindConfiguration(TelegramOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<Speech.SpeechOptions>().BindConfiguration(Speech.SpeechOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }

    /// <summary>The Telegram worker: poller, inbox, dispatcher, handler, sender.</summary>
    public static IServiceCollection AddTelegram(this IServiceCollection services)
    {
        // Telegram puts the token in every request URL: the factory's request logging is removed, not just filtered.
        // One client for the bot's lifetime, so its connections are recycled by the handler rather than the factory.
        services.AddHttpClient(TelegramClient, (sp, http) =>
                http.Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<TelegramOptions>>().Value.PollTimeoutSeconds + 15))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers();
        services.AddSingleton<ITelegramBotClient>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<TelegramOptions>>().Value;
            return new TelegramBotClient(new TelegramBotClientOptions(options.BotToken!, options.ApiBaseUrl.TrimEnd('/')) { RetryThreshold = 0 },
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(TelegramClient));
        });
        // One inbox file, its tables kept by three stores: updates and the offset, source passages, upload records.
        services.AddSingleton(sp => new InboxDatabase(sp.GetRequiredService<IOptions<TelegramOptions>>().Value.InboxPath));
        services.AddSingleton(sp => new TelegramInbox(sp.GetRequiredService<InboxDatabase>()));
        services.AddSingleton<SourcePassages>();
        services.AddSingleton<UploadRecords>();
        services.AddSingleton<BotIdentity>();
        services.AddSingleton<UpdateSignal>();
        services.AddSingleton<SendRateLimiter>();
        services.AddSingleton(sp => new UserQuestionLimiter(sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<TelegramOptions>>().Value.UserQuestionsPerMinute));
        services.AddSingleton<TelegramSender>();
        services.AddSingleton<AdminCommands>();
        services.AddSingleton<Speech.SpeechTranscriber>();
        services.AddSingleton<VoiceQuestions>();
        services.AddSingleton<UpdateHandler>();
        services.AddHostedService<TelegramStartup>();
        services.AddHostedService<TelegramPoller>();
        services.AddHostedService<UpdateDispatcher>();
        return services;
    }
}
