using System.ComponentModel.DataAnnotations;

namespace Bot.Host.Knowledge;

/// <summary>Which embedding generator makes the dense vectors. Only the local one is built so far.</summary>
public sealed class EmbeddingsOptions
{
    public const string SectionName = "Embeddings";

    [RegularExpression("^Local$", ErrorMessage = "Embeddings:Provider must be Local: the OpenAI and Ollama providers are not built yet.")]
    public string Provider { get; set; } = "Local";
}
