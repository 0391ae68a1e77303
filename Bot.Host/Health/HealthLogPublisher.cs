using Bot.Host.Logging;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bot.Host.Health;

/// <summary>
/// In the running bot, a health line in the log at start and every ten minutes: the health-check library's publisher
/// schedule (<see cref="HealthExtensions.AddBotHealth"/>) runs <see cref="BotHealthCheck"/> and this writes what it found.
/// </summary>
public sealed class HealthLogPublisher(ILogger<HealthLogPublisher> logger) : IHealthCheckPublisher
{
    public static readonly TimeSpan Every = TimeSpan.FromMinutes(10);

    public Task PublishAsync(Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report, CancellationToken cancellationToken)
    {
        if (report.Entries.TryGetValue(BotHealthCheck.Name, out var entry) && entry.Data.TryGetValue(BotHealthCheck.ReportKey, out var value) && value is HealthReport r)
        {
            logger.Health(r.Healthy ? LogLevel.Information : LogLevel.Warning,
                r.Healthy, r.Documents, r.Chunks, r.LastIndexedAt, r.IndexCurrent, r.EmbeddingsAnswer, r.TelegramAnswers, r.LlmAnswers, r.Problems);
        }
        else
        {
            // The check itself failed or timed out: the library reports it without our report.
            logger.HealthCheckUnfinished(entry.Exception, report.Status, entry.Description);
        }

        return Task.CompletedTask;
    }
}
