using Bot.Host.Answering;
using Bot.Host.Knowledge;
using Bot.Host.Logging;
using Bot.Host.Telegram;
using Bot.Retrieval.Index;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;

namespace Bot.Host.Health;

/// <summary>Checks the index, the knowledge folder and the configured providers without changing anything.</summary>
public sealed class HealthCheck(
    KnowledgeService knowledge,
    IEmbeddingGenerator<string, Embedding<float>> embedder,
    IOptions<TelegramOptions> telegram,
    IOptions<AnsweringOptions> answering,
    IOptions<Speech.SpeechOptions> speech,
    ILogger<HealthCheck> logger,
    IChatCompletionService? chat = null,
    global::Telegram.Bot.ITelegramBotClient? bot = null)
{
    public async Task<HealthReport> RunAsync(CancellationToken cancellationToken = default)
    {
        var problems = new List<string>();
        bool folder = Directory.Exists(knowledge.Folder);
        if (!folder) problems.Add("the knowledge folder does not exist");

        bool readable = false, current = false;
        int documents = 0, chunks = 0;
        DateTimeOffset? indexedAt = null;
        string? model = null;
        try
        {
            // The index's counts, not its documents' records: the health line asks every ten minutes.
            var summary = await knowledge.SummaryAsync(cancellationToken);
            readable = true;
            (documents, chunks, indexedAt, model) = (summary.Documents, summary.Chunks, summary.LastIndexedAt, summary.EmbeddingModel);
            current = folder && !await knowledge.IsStaleAsync(cancellationToken);
            if (!current) problems.Add("the index is missing or older than the knowledge folder (run `index`)");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.HealthIndexUnreadable(ex is IndexStorageException or IndexUnavailableException or Bot.Retrieval.Documents.KnowledgeFolderUnavailableException ? null : ex, ex.Message);
            problems.Add("the index cannot be read");
        }

        bool embeddings;
        try
        {
            var vector = await embedder.GenerateAsync(["Түрксіб"], cancellationToken: cancellationToken);
            embeddings = vector.Count == 1 && vector[0].Vector.Length > 0;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.HealthEmbeddingsFailed(ex.Message);
            embeddings = false;
        }

        if (!embeddings) problems.Add("the embedding provider does not answer");
        bool telegramConfigured = !string.IsNullOrWhiteSpace(telegram.Value.BotToken);
        bool? telegramAnswers = telegramConfigured ? await TelegramAnswersAsync(cancellationToken) : null;
        if (telegramAnswers == false) problems.Add("the Telegram Bot API does not answer or refuses the token");

        // An LLM that does not answer is a problem to report, not an outage: answers fall back to extractive ones.
        bool? llmAnswers = chat is not null ? await LlmAnswersAsync(chat, cancellationToken) : null;
        if (llmAnswers == false) problems.Add("the LLM does not answer (answers are extractive meanwhile)");

        bool healthy = folder && readable && current && embeddings && documents > 0 && telegramAnswers != false;
        if (readable && documents == 0) problems.Add("the index holds no documents");
        return new HealthReport(healthy, folder, readable, current, documents, chunks, indexedAt, model, embeddings,
            telegramConfigured, telegramAnswers, answering.Value.Provider.ToString(), llmAnswers, problems,
            // OCR is optional: without it scans and images are refused with a reason, and the bot is still healthy.
            Bot.Retrieval.Documents.Extraction.Ocr.Available, Bot.Retrieval.Documents.Extraction.Ocr.Unavailable,
            // Voice is configuration away; transcribing a probe would cost the operator, so the provider is only named.
            speech.Value.Provider.ToString());
    }

    private async Task<bool> LlmAnswersAsync(IChatCompletionService chat, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(Math.Min(15, answering.Value.TimeoutSeconds)));
            var history = new ChatHistory();
            history.AddUserMessage("Сәлем! Бір сөзбен жауап бер.");
            var reply = await chat.GetChatMessageContentAsync(history, new OpenAIPromptExecutionSettings { MaxTokens = 5 }, cancellationToken: timeout.Token);
            return reply.Content is not null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.HealthLlmFailed(ex.GetType().Name);
            return false;
        }
    }

    private async Task<bool> TelegramAnswersAsync(CancellationToken cancellationToken)
    {
        if (bot is null) return false;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            await global::Telegram.Bot.TelegramBotClientExtensions.GetMe(bot, timeout.Token);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.HealthTelegramFailed(ex.GetType().Name);
            return false;
        }
    }
}
