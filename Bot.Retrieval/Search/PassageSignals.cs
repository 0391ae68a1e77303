using Bot.Retrieval.Chunking;
using Bot.Retrieval.Index;
using Bot.Retrieval.Text;

namespace Bot.Retrieval.Search;

/// <summary>
/// What the re-ranker reads of one chunk, computed once and cached: its precise terms, and the precise terms of each of
/// its sentences in order.
/// </summary>
public sealed class PassageSignals
{
    private PassageSignals(HashSet<string> terms, List<List<string>> sentences)
    {
        Terms = terms;
        Sentences = sentences;
        sentenceSets = sentences.Select(s => s.ToHashSet(StringComparer.Ordinal)).ToList();
    }

    private readonly List<HashSet<string>> sentenceSets;

    /// <summary>Precise terms of the heading and the text.</summary>
    public HashSet<string> Terms { get; }

    /// <summary>Precise terms of each sentence of the text, in order.</summary>
    public List<List<string>> Sentences { get; }

    public static PassageSignals Of(Chunk chunk, KazakhAnalyzer analyzer)
    {
        var terms = analyzer.PreciseTerms(chunk.Heading).ToHashSet(StringComparer.Ordinal);
        var sentences = new List<List<string>>();
        foreach (var sentence in SentenceSplitter.SplitText(chunk.Text))
        {
            var sentenceTerms = analyzer.PreciseTerms(sentence);
            if (sentenceTerms.Count == 0) continue;
            sentences.Add(sentenceTerms);
            terms.UnionWith(sentenceTerms);
        }

        return new PassageSignals(terms, sentences);
    }

    /// <summary>
    /// The idf-weighted share of the question's terms held by the chunk's best single sentence: an answer sits in one
    /// sentence, and a chunk whose terms are scattered over unrelated sentences is weaker evidence.
    /// </summary>
    public double BestSentence(IReadOnlyList<string> questionTerms, TermStatistics statistics)
    {
        double best = 0;
        foreach (var sentence in sentenceSets) best = Math.Max(best, TermCoverage.Of(questionTerms, sentence, statistics));
        return best;
    }

    /// <summary>
    /// The idf-weighted share of the question's terms that one sentence holds in the question's order (the longest common
    /// subsequence): "жер бетіне ... түсіретін" matched in order is a paraphrase of the question, not a coincidence.
    /// </summary>
    public double InOrder(IReadOnlyList<string> questionTerms, TermStatistics statistics)
    {
        if (questionTerms.Count == 0) return 0;
        var idf = questionTerms.Select(statistics.Idf).ToArray();
        double total = idf.Sum();
        if (total <= 0) return 0;
        double best = 0;
        var previous = new double[questionTerms.Count + 1];
        var current = new double[questionTerms.Count + 1];
        foreach (var sentence in Sentences)
        {
            Array.Clear(previous);
            foreach (var term in sentence)
            {
                for (int i = 1; i <= questionTerms.Count; i++)
                {
                    current[i] = string.Equals(questionTerms[i - 1], term, StringComparison.Ordinal)
                        ? previous[i - 1] + idf[i - 1]
                        : Math.Max(previous[i], current[i - 1]);
                }

                (previous, current) = (current, previous);
            }

            best = Math.Max(best, previous[questionTerms.Count]);
        }

        return best / total;
    }
}
