using System.ComponentModel.DataAnnotations;

namespace Bot.Host.Answering;

/// <summary>
/// Who writes the answers: the extractive answerer (default, no network), or an LLM through Semantic Kernel — any
/// OpenAI-compatible endpoint (OpenAI, vLLM, Ollama's /v1, LM Studio) or Azure OpenAI. The API key comes from the
/// environment (Answering__ApiKey), never from a committed file.
/// </summary>
public sealed class AnsweringOptions : IValidatableObject
{
    public const string SectionName = "Answering";

    public AnsweringProvider Provider { get; set; } = AnsweringProvider.Extractive;

    /// <summary>OpenAI-compatible: the base URL with its /v1 (default https://api.openai.com/v1). Azure: the resource URL.</summary>
    [Url(ErrorMessage = "Answering:Endpoint must be an absolute http(s) URL.")]
    public string? Endpoint { get; set; }

    /// <summary>The model (OpenAI-compatible) or the deployment name (Azure).</summary>
    public string? Model { get; set; }

    public string? ApiKey { get; set; }

    /// <summary>The whole request, after which the extractive answer is given instead.</summary>
    [Range(1, 600, ErrorMessage = "Answering:TimeoutSeconds must be between 1 and 600.")]
    public int TimeoutSeconds { get; set; } = 60;

    [Range(16, 16_000, ErrorMessage = "Answering:MaxTokens must be between 16 and 16000.")]
    public int MaxTokens { get; set; } = 800;

    /// <summary>How many of the top passages the model is given.</summary>
    [Range(1, 20, ErrorMessage = "Answering:Passages must be between 1 and 20.")]
    public int Passages { get; set; } = 5;

    public bool UsesLlm => Provider is AnsweringProvider.OpenAI or AnsweringProvider.AzureOpenAI;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!UsesLlm) yield break;
        if (string.IsNullOrWhiteSpace(Model))
            yield return new ValidationResult($"Answering:Model is required with Answering:Provider={Provider} (the model, or the Azure deployment).", [nameof(Model)]);
        if (Provider == AnsweringProvider.OpenAI && string.IsNullOrWhiteSpace(Endpoint) && string.IsNullOrWhiteSpace(ApiKey))
            yield return new ValidationResult("Answering:ApiKey is required for OpenAI's own endpoint (set it in the environment: Answering__ApiKey), or set Answering:Endpoint to a local server.", [nameof(ApiKey)]);
        if (Provider == AnsweringProvider.AzureOpenAI && string.IsNullOrWhiteSpace(Endpoint))
            yield return new ValidationResult("Answering:Endpoint is required with Answering:Provider=AzureOpenAI.", [nameof(Endpoint)]);
        if (Provider == AnsweringProvider.AzureOpenAI && string.IsNullOrWhiteSpace(ApiKey))
            yield return new ValidationResult("Answering:ApiKey is required with Answering:Provider=AzureOpenAI (set it in the environment: Answering__ApiKey).", [nameof(ApiKey)]);
    }
}

public enum AnsweringProvider
{
    Extractive,
    OpenAI,
    AzureOpenAI,
}
