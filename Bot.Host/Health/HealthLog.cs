namespace Bot.Host.Health;

/// <summary>In the running bot, a health line in the log every ten minutes (and one at start).</summary>
public sealed class HealthLog(HealthCheck check, TimeProvider time, ILogger<HealthLog> logger) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var r = await check.RunAsync(stoppingToken);
                logger.Log(r.Healthy ? LogLevel.Information : LogLevel.Warning,
                    "Health: healthy={Healthy} documents={Documents} chunks={Chunks} lastIndexed={LastIndexedAt} indexCurrent={IndexCurrent} embeddings={Embeddings} telegram={Telegram} llm={Llm} problems={Problems}",
                    r.Healthy, r.Documents, r.Chunks, r.LastIndexedAt, r.IndexCurrent, r.EmbeddingsAnswer, r.TelegramAnswers, r.LlmAnswers, r.Problems);
                await Task.Delay(Every, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
