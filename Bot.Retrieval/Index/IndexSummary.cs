namespace Bot.Retrieval.Index;

/// <summary>
/// What the index holds in counts, and what built it, without its documents' records: enough to tell whether a folder
/// whose listing is unchanged needs reading (a manifest of a million documents takes seconds to read).
/// </summary>
public sealed record IndexSummary(int Documents, int Chunks, string? EmbeddingModel, string? AnalyzerFingerprint, string? FolderStamp)
{
    /// <summary>When the last update was applied; null for an index never written.</summary>
    public DateTimeOffset? LastIndexedAt { get; init; }

    internal static DateTimeOffset? ParseIndexedAt(string? value) =>
        value is null ? null : DateTimeOffset.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
}
