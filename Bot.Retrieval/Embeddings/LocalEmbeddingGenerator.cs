using Bot.Retrieval.Text;
using Microsoft.Extensions.AI;
using System.Numerics.Tensors;

namespace Bot.Retrieval.Embeddings;

/// <summary>
/// Dense vectors computed in-process from the analyzed text: hashed character 3–5-grams of each folded word plus the
/// word's stem, log-scaled and L2-normalised. No model to download, no network; a provider can replace it.
/// </summary>
public sealed class LocalEmbeddingGenerator(KazakhAnalyzer analyzer, int dimensions = LocalEmbeddingGenerator.DefaultDimensions)
    : IEmbeddingGenerator<string, Embedding<float>>, IWordEmbedder
{
    public const int DefaultDimensions = 384;

    /// <summary>What its metadata names as the provider: in-process, no model.</summary>
    public const string ProviderName = "local";

    public string ModelId => $"kk-char-ngram-v1-{dimensions}";

    public int Dimensions => dimensions;

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var value in values)
        {
            cancellationToken.ThrowIfCancellationRequested();
            result.Add(new Embedding<float>(Embed(value)) { ModelId = ModelId });
        }

        return Task.FromResult(result);
    }

    public float[] Embed(string text) => Embed(analyzer.Words(text));

    /// <summary>The vector of words already produced by <see cref="KazakhAnalyzer.Words"/> (the indexer has them at hand).</summary>
    public float[] Embed(IEnumerable<string> words)
    {
        var vector = new float[dimensions];
        Span<char> padded = stackalloc char[66];
        foreach (var word in words)
        {
            if (analyzer.IsStopWord(word)) continue;
            Add(vector, analyzer.Stem(word), 2f);
            if (word.Length > 64) continue;
            padded[0] = '<';
            word.AsSpan().CopyTo(padded[1..]);
            padded[word.Length + 1] = '>';
            var gramSource = padded[..(word.Length + 2)];
            for (int n = 3; n <= 5; n++)
            {
                for (int i = 0; i + n <= gramSource.Length; i++) Add(vector, gramSource.Slice(i, n), 1f);
            }
        }

        for (int i = 0; i < vector.Length; i++) vector[i] = MathF.Sign(vector[i]) * MathF.Log(1 + MathF.Abs(vector[i]));
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0) TensorPrimitives.Divide(vector, norm, vector);
        return vector;
    }

    private void Add(float[] vector, ReadOnlySpan<char> feature, float weight)
    {
        ulong hash = 14695981039346656037UL;
        foreach (var ch in feature)
        {
            hash ^= ch;
            hash *= 1099511628211UL;
        }

        // One hash bit chooses the sign, so colliding features cancel instead of piling up.
        vector[(int)(hash % (ulong)dimensions)] += (hash >> 63) == 0 ? weight : -weight;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? new EmbeddingGeneratorMetadata(ProviderName, null, ModelId, dimensions)
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
    }
}
