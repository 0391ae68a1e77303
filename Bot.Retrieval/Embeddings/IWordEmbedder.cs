namespace Bot.Retrieval.Embeddings;

/// <summary>
/// An embedder that runs in this process, with no I/O, and may be called from many threads at once, over the words
/// <see cref="Text.KazakhAnalyzer.Words"/> made: the indexer hands it the words the lexical side already has, one
/// document per core. Asked for through <c>IEmbeddingGenerator.GetService</c>; a provider over the network is not one.
/// </summary>
public interface IWordEmbedder
{
    float[] Embed(IEnumerable<string> words);
}
