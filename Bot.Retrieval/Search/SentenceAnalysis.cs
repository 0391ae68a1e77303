using System.Collections.Concurrent;
using Bot.Retrieval.Chunking;
using Bot.Retrieval.Index;
using Bot.Retrieval.Text;

namespace Bot.Retrieval.Search;

/// <summary>
/// The sentences of chunks as the analyzer reads them, analysed once and shared: the re-ranker reads their precise terms,
/// the answerer and its learned features their words, stems and word pairs. The retriever keeps one for its lifetime and
/// hands it on with every <see cref="SearchResult"/>, so a passage that answers many questions is analysed once.
/// </summary>
public sealed class SentenceAnalysis(KazakhAnalyzer analyzer)
{
    private const int CacheLimit = 50_000;
    private readonly ConcurrentDictionary<string, AnalyzedSentence> sentences = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Id, string Text), IReadOnlyList<ChunkSentence>> chunks = new();

    public KazakhAnalyzer Analyzer => analyzer;

    /// <summary>The analysis this search result carries when it was made with <paramref name="analyzer"/>, else a fresh one.</summary>
    public static SentenceAnalysis For(SearchResult search, KazakhAnalyzer analyzer) =>
        search.Sentences is { } shared && shared.Analyzer == analyzer ? shared : new SentenceAnalysis(analyzer);

    /// <summary>Each sentence of the chunk's text (<see cref="SentenceSplitter.Split"/>), with where it stands.</summary>
    public IReadOnlyList<ChunkSentence> Of(Chunk chunk)
    {
        var key = (chunk.Id, chunk.Text);
        if (chunks.TryGetValue(key, out var cached)) return cached;
        if (chunks.Count >= CacheLimit) chunks.Clear();
        var text = chunk.Text;
        var split = SentenceSplitter.Split(text).Select(s => new ChunkSentence(s.Start, s.Length, Of(text.Substring(s.Start, s.Length)))).ToList();
        chunks[key] = split;
        return split;
    }

    /// <summary>One sentence of a chunk's (already repaired) text.</summary>
    public AnalyzedSentence Of(string sentence)
    {
        if (sentences.TryGetValue(sentence, out var cached)) return cached;
        if (sentences.Count >= CacheLimit) sentences.Clear();
        var analyzed = new AnalyzedSentence(analyzer, sentence);
        sentences[sentence] = analyzed;
        return analyzed;
    }
}

/// <summary>A sentence of a chunk: where it starts and how long it is in the chunk's text, and its analysis.</summary>
public sealed record ChunkSentence(int Start, int Length, AnalyzedSentence Analyzed)
{
    public string Text => Analyzed.Text;
}

/// <summary>
/// One sentence's words (<see cref="KazakhAnalyzer.WordsOfRepaired"/>) and what is made of them, each made on first use.
/// Immutable once made; two threads racing to make a part make the same value.
/// </summary>
public sealed class AnalyzedSentence(KazakhAnalyzer analyzer, string text)
{
    public string Text => text;

    public IReadOnlyList<string> Words { get; } = analyzer.WordsOfRepaired(text);

    /// <summary>Precise terms in order (<see cref="KazakhAnalyzer.PreciseTerms(IEnumerable{string})"/>).</summary>
    public IReadOnlyList<string> PreciseTerms => field ??= analyzer.PreciseTerms(Words);

    public IReadOnlySet<string> PreciseTermSet => field ??= PreciseTerms.ToHashSet(StringComparer.Ordinal);

    /// <summary>Search stems (<see cref="KazakhAnalyzer.Terms(IEnumerable{string})"/>) as a set.</summary>
    public IReadOnlySet<string> Stems => field ??= analyzer.Terms(Words).ToHashSet(StringComparer.Ordinal);

    /// <summary>The stem of every word, stop words included (<see cref="KazakhAnalyzer.Stem"/>), as a set.</summary>
    public IReadOnlySet<string> WordStems => field ??= Words.Select(analyzer.Stem).ToHashSet(StringComparer.Ordinal);

    /// <summary>Neighbouring stems (<see cref="KazakhAnalyzer.StemPairs"/>).</summary>
    public IReadOnlySet<(string, string)> Pairs => field ??= analyzer.StemPairs(Words);
}
