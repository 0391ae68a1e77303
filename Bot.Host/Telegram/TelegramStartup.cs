using Bot.Host.Knowledge;

namespace Bot.Host.Telegram;

/// <summary>Brings the index up to date before the bot starts answering.</summary>
public sealed class TelegramStartup(KnowledgeService knowledge, ILogger<TelegramStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await knowledge.EnsureIndexAsync(cancellationToken);
        var manifest = await knowledge.ManifestAsync(cancellationToken);
        logger.LogInformation("Index ready: {Documents} documents, {Chunks} chunks", manifest.Documents.Count, manifest.ChunkCount);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
