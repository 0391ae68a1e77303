using Bot.Retrieval.Chunking;
using Bot.Retrieval.Search;
using Bot.Retrieval.Text;

namespace Bot.Retrieval.Answering.Learning;

/// <summary>
/// The signals a sentence of the top chunks gives about holding the answer, the same in training and in answering:
/// idf-weighted coverage of the question's precise terms and share of its folded stems, the question's word pairs, the
/// answer type the question word asks for, the share of the question's stop-listed words ("жалпы", "ең") it repeats, the
/// coverage of the sentence before (an answer often follows the sentence that repeats the question, after a pronoun) and
/// after, position, the chunk's rank, relevance and score, length, and whether the "sentence" is a heading or markup.
/// </summary>
internal static class SentenceFeatures
{
    /// <summary>How many of the top chunks' sentences are candidates.</summary>
    public const int PassagesRead = 5;

    public static readonly string[] Names =
    [
        "bias", "coverage", "stem_share", "pairs", "type_present", "type_missing", "relevance", "inverse_rank", "first_in_chunk",
        "previous_coverage", "next_coverage", "length", "heading_or_markup", "relative_score", "coverage_x_type", "digits",
        "term_density", "best_coverage_gap", "residual_coverage", "definition", "asked_noun", "stop_share",
    ];

    /// <summary>Where the signals the hand score reads stand in <see cref="SentenceCandidate.Features"/>.</summary>
    internal static readonly int Coverage = Array.IndexOf(Names, "coverage"), PairShare = Array.IndexOf(Names, "pairs"), TypePresent = Array.IndexOf(Names, "type_present");

    public static List<SentenceCandidate> For(KazakhAnalyzer analyzer, SearchResult search)
    {
        var candidates = new List<SentenceCandidate>();
        if (search.Hits.Count == 0) return candidates;
        var kind = QuestionClassifier.Classify(search.Analyzed.Words);
        var questionWords = search.Analyzed.Words;
        var questionPairs = analyzer.StemPairs(questionWords);
        var analysis = SentenceAnalysis.For(search, analyzer);
        var questionStems = analyzer.Terms(questionWords).Where(t => !analyzer.IsQuestionWord(t)).ToHashSet(StringComparer.Ordinal);
        var questionTerms = new QuestionTerms(search.QuestionTerms, search.Statistics);
        double topScore = search.Hits[0].Score;
        bool definitional = IsDefinitional(search.Question, questionWords);
        var askedNoun = AskedNoun(analyzer, questionWords);
        // The question's words the stop list drops for search but that still say what is asked ("жалпы ұзындығы",
        // "ең терең", "кіші қанайналым"): three letters or more, not the question word.
        var questionStops = questionWords.Where(w => w.Length >= 3 && analyzer.IsStopWord(w) && !analyzer.IsQuestionWord(w))
            .Select(analyzer.Stem).ToHashSet(StringComparer.Ordinal);
        var raw = new List<(SearchHit Hit, int Order, string Text, IReadOnlySet<string> Terms, double Coverage, double StemShare, double Pairs, int Words, double Residual, bool Defines, bool Asked, double Stops)>();
        foreach (var hit in search.Hits.Take(PassagesRead))
        {
            // The question's terms its passage's heading does not already name: a sentence seldom repeats its topic.
            var headingTerms = analyzer.PreciseTerms(analyzer.WordsOfRepaired(hit.Chunk.Heading)).ToHashSet(StringComparer.Ordinal);
            var residual = new QuestionTerms(search.QuestionTerms.Where(t => !TermCoverage.Contains(headingTerms, t)), search.Statistics);
            int order = 0;
            foreach (var analyzed in analysis.Of(hit.Chunk).Select(s => s.Analyzed))
            {
                var sentence = analyzed.Text;
                var terms = analyzed.PreciseTermSet;
                var stems = analyzed.Stems;
                var stemShare = questionStems.Count == 0 ? 0 : questionStems.Count(stems.Contains) / (double)questionStems.Count;
                var pairs = questionPairs.Count == 0 ? 0 : questionPairs.Count(analyzed.Pairs.Contains) / (double)questionPairs.Count;
                raw.Add((hit, order++, sentence, terms, TermCoverage.Of(questionTerms, terms), stemShare, pairs, analyzed.Words.Count,
                    residual.Total > 0 ? TermCoverage.Of(residual, terms) : 0, definitional && Defines(sentence),
                    askedNoun is not null && stems.Contains(askedNoun),
                    questionStops.Count == 0 ? 0 : questionStops.Count(analyzed.WordStems.Contains) / (double)questionStops.Count));
            }
        }

        double best = raw.Count == 0 ? 0 : raw.Max(r => r.Coverage);
        for (int i = 0; i < raw.Count; i++)
        {
            var r = raw[i];
            bool sameChunkBefore = i > 0 && raw[i - 1].Hit == r.Hit, sameChunkAfter = i + 1 < raw.Count && raw[i + 1].Hit == r.Hit;
            bool typed = kind != QuestionKind.Any;
            bool present = typed && QuestionClassifier.Satisfies(kind, r.Text);
            var features = new double[]
            {
                1,
                r.Coverage,
                r.StemShare,
                r.Pairs,
                present ? 1 : 0,
                typed && !present ? 1 : 0,
                r.Hit.Relevance,
                1.0 / r.Hit.Rank,
                r.Order == 0 ? 1 : 0,
                sameChunkBefore ? raw[i - 1].Coverage : 0,
                sameChunkAfter ? raw[i + 1].Coverage : 0,
                Math.Min(3, r.Text.Length / 200.0),
                IsHeadingOrMarkup(r.Text) ? 1 : 0,
                topScore > 0 ? r.Hit.Score / topScore : 0,
                present ? r.Coverage : 0,
                r.Text.Any(char.IsDigit) ? 1 : 0,
                r.Words == 0 ? 0 : Math.Min(1, r.Terms.Count(t => questionTerms.Terms.Contains(t)) / (double)r.Words),
                best - r.Coverage,
                r.Residual,
                r.Defines ? 1 : 0,
                r.Asked ? 1 : 0,
                r.Stops,
            };
            candidates.Add(new SentenceCandidate(r.Hit, r.Order, r.Text, r.Terms, features));
        }

        return candidates;
    }

    // "қандай жәндіктер" → жәндік, "қай өндіріс" → өндіріс: the thing the question asks to name.
    private static string? AskedNoun(KazakhAnalyzer analyzer, IReadOnlyList<string> words)
    {
        for (int i = 0; i + 1 < words.Count; i++)
        {
            if (analyzer.IsQuestionWord(words[i]) && words[i].StartsWith("ка", StringComparison.Ordinal) &&
                !analyzer.IsQuestionWord(words[i + 1]) && !analyzer.IsStopWord(words[i + 1]))
                return analyzer.Stem(words[i + 1]);
        }

        return null;
    }

    // "… дегеніміз не?", "… деп нені айтамыз?", "… қалай аталады?", "Жүйке жүйесі:": the question asks for a definition.
    // Read from the folded words, so that "дегенимиз не" typed on a Russian keyboard and "degenımız ne" ask it too.
    private static bool IsDefinitional(string question, IReadOnlyList<string> foldedWords)
    {
        var q = string.Join(' ', foldedWords);
        return question.TrimEnd().EndsWith(':') || q.Contains("дегени", StringComparison.Ordinal) || q.Contains("деген не", StringComparison.Ordinal) ||
               q.Contains("деп не", StringComparison.Ordinal) || q.Contains("аталады", StringComparison.Ordinal) || q.Contains("деп атаиды", StringComparison.Ordinal);
    }

    // "X – …", "X (лат. …) — …", "… X деп аталады", "X дегеніміз …": the shapes a definition takes.
    private static bool Defines(string sentence)
    {
        int dash = sentence.IndexOfAny(['–', '—']);
        if (dash < 0) dash = sentence.IndexOf(" - ", StringComparison.Ordinal);
        return dash is > 0 and < 80 || sentence.Contains("деп аталады", StringComparison.Ordinal) || sentence.Contains("деп атайды", StringComparison.Ordinal) ||
               sentence.Contains("дегеніміз", StringComparison.Ordinal) || sentence.Contains("деп атал", StringComparison.Ordinal);
    }

    /// <summary>
    /// The candidates an answer may quote, as the answerer ranks them and training learns them: no heading, line of
    /// markup or repeated section title.
    /// </summary>
    public static List<SentenceCandidate> Quotable(KazakhAnalyzer analyzer, SearchResult search) => Quotable(For(analyzer, search));

    /// <summary>Those of <paramref name="candidates"/> (from <see cref="For"/>) an answer may quote.</summary>
    public static List<SentenceCandidate> Quotable(IEnumerable<SentenceCandidate> candidates) =>
        candidates.Where(c => !IsHeadingOrMarkup(c.Text) && Clean(c.Text) is { Length: > 0 } clean && !RepeatsHeading(clean, c.Hit.Chunk)).ToList();

    /// <summary>
    /// A sentence as it can be quoted: lines that are headings or wiki markup dropped, the rest joined by spaces;
    /// empty when nothing quotable is left.
    /// </summary>
    public static string Clean(string sentence)
    {
        if (sentence.IndexOf('\n') < 0 && sentence.IndexOf('\r') < 0) return IsHeadingOrMarkup(sentence) ? "" : sentence;
        var lines = sentence.Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // A short unpunctuated line is a heading when a new sentence starts after it; before a lower-case word it is a
        // sentence wrapped across lines. Markup lines go either way.
        var kept = lines.Where((line, i) => !IsHeadingOrMarkup(line) ||
                                            !IsMarkup(line) && i + 1 < lines.Length && char.IsLower(lines[i + 1][0])).ToList();
        var joined = string.Join(' ', kept);
        return kept.Count == 0 || IsHeadingOrMarkup(joined) ? "" : joined;
    }

    /// <summary>True when the sentence is the chunk's section or title heading run into the text ("Түрксіб темір жолын салу. …").</summary>
    public static bool RepeatsHeading(string sentence, Chunk chunk)
    {
        var bare = sentence.Trim().TrimEnd('.', ':', ';', '!', '?', '…').Trim();
        return bare.Length > 0 && (bare.Equals(chunk.Section.Trim(), StringComparison.OrdinalIgnoreCase) || bare.Equals(chunk.Title.Trim(), StringComparison.OrdinalIgnoreCase));
    }

    // A line with no closing punctuation that is short, or wiki markup (=== headings, table pipes): not an answer to quote.
    public static bool IsHeadingOrMarkup(string sentence)
    {
        var trimmed = sentence.Trim();
        if (IsMarkup(trimmed)) return true;
        return trimmed.Length < 80 && trimmed.Length > 0 && trimmed[^1] is not ('.' or '!' or '?' or '…' or ')' or '»' or '"');
    }

    private static bool IsMarkup(string line)
    {
        var trimmed = line.Trim();
        return trimmed.Contains("==", StringComparison.Ordinal) || trimmed.Contains('|') || trimmed.StartsWith('#');
    }
}
