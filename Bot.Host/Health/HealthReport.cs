namespace Bot.Host.Health;

/// <summary>What an operator needs to know, as booleans and counts: never a path to a secret, never a token.</summary>
public sealed record HealthReport(
    bool Healthy,
    bool KnowledgeFolderExists,
    bool IndexReadable,
    bool IndexCurrent,
    int Documents,
    int Chunks,
    DateTimeOffset? LastIndexedAt,
    string? EmbeddingModel,
    bool EmbeddingsAnswer,
    bool TelegramConfigured,
    bool? TelegramAnswers,
    string AnsweringProvider,
    bool? LlmAnswers,
    IReadOnlyList<string> Problems,
    bool OcrAvailable = false,
    string? OcrMissing = null,
    string SpeechProvider = "None");
