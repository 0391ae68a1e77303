using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bot.Host.Health;

public static class HealthExtensions
{
    /// <summary>The bot's health check, and in the running bot its line in the log at start and every ten minutes.</summary>
    public static IServiceCollection AddBotHealth(this IServiceCollection services, bool publish)
    {
        services.AddSingleton<HealthCheck>();
        services.AddHealthChecks().AddCheck<BotHealthCheck>(BotHealthCheck.Name);
        if (!publish) return services;
        services.AddSingleton<IHealthCheckPublisher, HealthLogPublisher>();
        services.Configure<HealthCheckPublisherOptions>(o =>
        {
            o.Delay = TimeSpan.Zero;
            o.Period = HealthLogPublisher.Every;
            o.Timeout = TimeSpan.FromMinutes(1); // getMe (10 s) and an LLM probe (up to 15 s) run one after the other
        });
        return services;
    }
}
