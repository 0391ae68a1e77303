using System.ComponentModel.DataAnnotations;

namespace Bot.Retrieval.Search;

/// <summary>How lexical and dense results are fused, and when the best result is too weak to answer from.</summary>
public sealed record SearchOptions
{
    public const string SectionName = "Search";

    /// <summary>Weighted (normalised BM25 and cosine, weighted) or Rrf (reciprocal rank fusion).</summary>
    public FusionMode Fusion { get; init; } = FusionMode.Weighted;

    /// <summary>Weight of the lexical side in weighted fusion; the dense side gets the rest.</summary>
    [Range(0.0, 1.0)]
    public double LexicalWeight { get; init; } = 0.8;

    /// <summary>Weight of query coverage (the idf-weighted share of question terms a chunk holds) added to the fused score.</summary>
    [Range(0.0, 5.0)]
    public double CoverageWeight { get; init; }

    [Range(1, 1000)]
    public int RrfK { get; init; } = 60;

    /// <summary>
    /// Weight of title coverage (the idf-weighted share of question terms in the document's title) added to the fused
    /// score: a question names its topic, and the title is the topic. KazQAD nDCG@10 tune / holdout 0.778 / 0.780 at 0,
    /// 0.786 / 0.785 at 0.3.
    /// </summary>
    [Range(0.0, 5.0)]
    public double TitleWeight { get; init; } = 0.3;

    /// <summary>Weight of the best sentence's coverage: the idf-weighted share of question terms one sentence of the chunk holds.</summary>
    [Range(0.0, 5.0)]
    public double SentenceWeight { get; init; } = 0.25;

    /// <summary>Weight of the idf-weighted share of question terms one sentence holds in the question's order.</summary>
    [Range(0.0, 5.0)]
    public double OrderWeight { get; init; } = 0.3;

    /// <summary>How many fused candidates the re-ranking signals (title, sentence, order) are computed for.</summary>
    [Range(1, 200)]
    public int RerankDepth { get; init; } = 20;

    [Range(1, 50)]
    public int TopK { get; init; } = 10;

    /// <summary>
    /// The share of the question's idf-weighted terms the best chunk must contain; below it the answer is "not found".
    /// </summary>
    [Range(0.0, 1.0)]
    public double MinRelevance { get; init; } = 0.6;

    /// <summary>
    /// A question read as Russian is searched and answered in Kazakh through the word lists of Text/Russian; false
    /// searches the Russian words as they are (to measure the bridge).
    /// </summary>
    public bool RussianBridge { get; init; } = true;

    /// <summary>
    /// Which chunks the dense side scores: every chunk, or only the lexical side's candidates (when it found at least
    /// ten; otherwise every chunk, so a question no term matches still finds its nearest passages). Auto: the candidates
    /// with the local embeddings (their measured gain over BM25 alone is within noise, so they are kept cheap), every chunk
    /// with a provider's. The embedded index honours it; Qdrant always searches its whole dense index.
    /// </summary>
    public DenseScope Dense { get; init; } = DenseScope.Auto;
}

public enum DenseScope
{
    Auto,
    AllChunks,
    LexicalCandidates,
}

public enum FusionMode
{
    Weighted,
    Rrf,
}
