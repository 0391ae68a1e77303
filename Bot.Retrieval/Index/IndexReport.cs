namespace Bot.Retrieval.Index;

/// <summary>What one indexing run did.</summary>
public sealed record IndexReport(
    int Added, int Changed, int Removed, int Unchanged, int Chunks, int ChunksWritten, TimeSpan Elapsed, IReadOnlyList<string> Problems)
{
    public int Documents => Added + Changed + Unchanged;
}
