using Bot.Host.Knowledge;

namespace Bot.Host.Telegram;

/// <summary>Brings the index up to date before the bot starts answering.</summary>
public sealed class TelegramStartup(KnowledgeService knowledge, TimeProvider time, ILogger<TelegramStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // An index server still starting (Qdrant in the same compose file) is waited for, with backoff, saying so.
        for (var wait = TimeSpan.FromSeconds(1); ; wait = TimeSpan.FromSeconds(Math.Min(30, wait.TotalSeconds * 2)))
        {
            try
            {
                await knowledge.EnsureIndexAsync(cancellationToken);
                break;
            }
            catch (Bot.Retrieval.Index.IndexUnavailableException ex)
            {
                logger.IndexNotReadyYet(ex.Message, wait.TotalSeconds);
                await Task.Delay(wait, time, cancellationToken);
            }
        }

        var manifest = await knowledge.ManifestAsync(cancellationToken);
        logger.IndexReady(manifest.Documents.Count, manifest.ChunkCount);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
