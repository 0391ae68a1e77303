using Bot.Retrieval.Chunking;
using Bot.Retrieval.Index;
using Bot.Retrieval.Text;

namespace Bot.Retrieval.Search;

/// <summary>
/// What the re-ranker reads of one chunk, computed once and cached: its precise terms, and the precise terms of each of
/// its sentences in order.
/// </summary>
internal sealed class PassageSignals
{
    private PassageSignals(HashSet<string> terms, List<IReadOnlyList<string>> sentences)
    {
        Terms = terms;
        Sentences = sentences;
        sentenceSets = sentences.Select(s => s.ToHashSet(StringComparer.Ordinal)).ToList();
    }

    private readonly List<HashSet<string>> sentenceSets;

    /// <summary>Precise terms of the heading and the text.</summary>
    public HashSet<string> Terms { get; }

    /// <summary>Precise terms of each sentence of the text, in order.</summary>
    public List<IReadOnlyList<string>> Sentences { get; }

    public static PassageSignals Of(Chunk chunk, SentenceAnalysis analysis)
    {
        var analyzer = analysis.Analyzer;
        var terms = analyzer.PreciseTerms(analyzer.WordsOfRepaired(chunk.Heading)).ToHashSet(StringComparer.Ordinal);
        var sentences = new List<IReadOnlyList<string>>();
        foreach (var sentence in analysis.Of(chunk))
        {
            var sentenceTerms = sentence.Analyzed.PreciseTerms;
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
    public double BestSentence(QuestionTerms question)
    {
        double best = 0;
        foreach (var sentence in sentenceSets) best = Math.Max(best, TermCoverage.Of(question, sentence));
        return best;
    }

    /// <summary>
    /// The idf-weighted share of the question's terms that one sentence holds in the question's order (the longest common
    /// subsequence): "жер бетіне ... түсіретін" matched in order is a paraphrase of the question, not a coincidence.
    /// </summary>
    public double InOrder(QuestionTerms question)
    {
        var terms = question.Terms;
        if (terms.Count == 0 || question.Total <= 0) return 0;
        double best = 0;
        var previous = new double[terms.Count + 1];
        var current = new double[terms.Count + 1];
        foreach (var sentence in Sentences)
        {
            Array.Clear(previous);
            foreach (var term in sentence)
            {
                for (int i = 1; i <= terms.Count; i++)
                {
                    current[i] = string.Equals(terms[i - 1], term, StringComparison.Ordinal)
                        ? previous[i - 1] + question.Idf[i - 1]
                        : Math.Max(previous[i], current[i - 1]);
                }

                (previous, current) = (current, previous);
            }

            best = Math.Max(best, previous[terms.Count]);
        }

        return best / question.Total;
    }
}

/// <summary>A question's distinct precise terms in order, with their idf weighed once for all the chunks it is compared with.</summary>
public sealed class QuestionTerms
{
    public QuestionTerms(IEnumerable<string> preciseTerms, TermStatistics statistics)
    {
        Terms = preciseTerms.Distinct().ToList();
        Idf = Terms.Select(statistics.Idf).ToArray();
        Total = Idf.Sum();
    }

    public IReadOnlyList<string> Terms { get; }

    public double[] Idf { get; }

    public double Total { get; }
}
