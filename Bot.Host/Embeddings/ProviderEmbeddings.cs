using System.ClientModel;
using System.ClientModel.Primitives;
using System.Numerics.Tensors;
using Bot.Retrieval.Embeddings;
using Microsoft.Extensions.AI;
using OllamaSharp;
using OpenAI;

namespace Bot.Host.Embeddings;

/// <summary>
/// An embedding provider behind the same interface as the local generator: inputs sent in batches, vectors normalised
/// (the index compares them by dot product), and a model id that names provider, model and size, so that the index
/// notices a change and re-embeds.
/// </summary>
public sealed class ProviderEmbeddings(IEmbeddingGenerator<string, Embedding<float>> inner, string modelId, int? dimensions)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    private const int Batch = 64;

    public static IEmbeddingGenerator<string, Embedding<float>> Create(EmbeddingsOptions options, Func<LocalEmbeddingGenerator> local)
    {
        var timeout = TimeSpan.FromSeconds(options.TimeoutSeconds);
        switch (options.Provider)
        {
            case EmbeddingsProvider.OpenAI:
                var client = new OpenAIClient(new ApiKeyCredential(string.IsNullOrEmpty(options.ApiKey) ? "no-key" : options.ApiKey), new OpenAIClientOptions
                {
                    Endpoint = new Uri(options.Endpoint ?? "https://api.openai.com/v1"),
                    RetryPolicy = new ClientRetryPolicy(maxRetries: 2),
                    NetworkTimeout = timeout,
                });
                return new ProviderEmbeddings(client.GetEmbeddingClient(options.Model).AsIEmbeddingGenerator(options.Dimensions),
                    $"openai:{options.Model}:{options.Dimensions?.ToString() ?? "default"}", options.Dimensions);
            case EmbeddingsProvider.Ollama:
                var http = new HttpClient { BaseAddress = new Uri(options.Endpoint ?? "http://127.0.0.1:11434"), Timeout = timeout };
                return new ProviderEmbeddings(new OllamaApiClient(http, options.Model!), $"ollama:{options.Model}", options.Dimensions);
            default:
                return local();
        }
    }

    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new EmbeddingGenerationOptions();
        if (dimensions is not null) options.Dimensions ??= dimensions;
        var all = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var batch in values.Chunk(Batch))
        {
            var embeddings = await base.GenerateAsync(batch, options, cancellationToken);
            if (embeddings.Count != batch.Length) throw new InvalidDataException($"the embedding provider returned {embeddings.Count} vectors for {batch.Length} inputs");
            foreach (var embedding in embeddings)
            {
                var vector = embedding.Vector.ToArray();
                var norm = TensorPrimitives.Norm(vector);
                if (vector.Length == 0 || !float.IsFinite(norm)) throw new InvalidDataException("the embedding provider returned an empty or non-finite vector");
                if (norm > 0) TensorPrimitives.Divide(vector, norm, vector);
                all.Add(new Embedding<float>(vector) { ModelId = modelId });
            }
        }

        return all;
    }

    public override object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(EmbeddingGeneratorMetadata) && serviceKey is null
            ? new EmbeddingGeneratorMetadata(modelId.Split(':')[0], null, modelId, dimensions)
            : base.GetService(serviceType, serviceKey);
}
