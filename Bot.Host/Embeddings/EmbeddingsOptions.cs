using System.ComponentModel.DataAnnotations;

namespace Bot.Host.Embeddings;

/// <summary>
/// Which embedding generator makes the dense vectors: the local one (default, in-process, no network), an
/// OpenAI-compatible endpoint, or Ollama. The index records the model that built it and re-embeds when it changes;
/// the lexical side of retrieval does not depend on it, and carries on alone when the provider is down.
/// </summary>
public sealed class EmbeddingsOptions : IValidatableObject
{
    public const string SectionName = "Embeddings";

    public EmbeddingsProvider Provider { get; set; } = EmbeddingsProvider.Local;

    public string? Model { get; set; }

    /// <summary>OpenAI-compatible: the base URL with its /v1 (default https://api.openai.com/v1). Ollama: default http://127.0.0.1:11434.</summary>
    [Url(ErrorMessage = "Embeddings:Endpoint must be an absolute http(s) URL.")]
    public string? Endpoint { get; set; }

    /// <summary>From the environment (Embeddings__ApiKey).</summary>
    public string? ApiKey { get; set; }

    /// <summary>Ask the model for vectors of this size (OpenAI text-embedding-3 models can shorten them).</summary>
    [Range(1, 16_384, ErrorMessage = "Embeddings:Dimensions must be between 1 and 16384.")]
    public int? Dimensions { get; set; }

    [Range(1, 600, ErrorMessage = "Embeddings:TimeoutSeconds must be between 1 and 600.")]
    public int TimeoutSeconds { get; set; } = 30;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider != EmbeddingsProvider.Local && string.IsNullOrWhiteSpace(Model))
            yield return new ValidationResult($"Embeddings:Model is required with Embeddings:Provider={Provider}.", [nameof(Model)]);
    }
}

public enum EmbeddingsProvider
{
    Local,
    OpenAI,
    Ollama,
}
