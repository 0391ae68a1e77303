using Bot.Host.Telegram.Handling;
using Bot.Host.Telegram.Polling;
using Bot.Host.Telegram.Sending;
using Microsoft.Extensions.Options;
using global::Telegram.Bot;

namespace Bot.Host.Telegram;

public static class TelegramExtensions
{
    public static IServiceCollection AddTelegramOptions(this IServiceCollection services)
    {
        services.AddOptions<TelegramOptions>().BindConfiguration(TelegramOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<Speech.SpeechOptions>().BindConfiguration(Speech.SpeechOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }

    /// <summary>The Telegram worker: poller, inbox, dispatcher, handler, sender.</summary>
    public static IServiceCollection AddTelegram(this IServiceCollection services)
    {
        services.AddSingleton<ITelegramBotClient>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<TelegramOptions>>().Value;
            // Our own HttpClient: the factory's would log request URLs, and Telegram puts the token in the URL.
            var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            {
                Timeout = TimeSpan.FromSeconds(options.PollTimeoutSeconds + 15),
            };
            return new TelegramBotClient(new TelegramBotClientOptions(options.BotToken!, options.ApiBaseUrl.TrimEnd('/')) { RetryThreshold = 0 }, http);
        });
        services.AddSingleton(sp => new TelegramInbox(sp.GetRequiredService<IOptions<TelegramOptions>>().Value.InboxPath));
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
