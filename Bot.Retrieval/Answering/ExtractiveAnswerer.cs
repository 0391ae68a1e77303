using Bot.Retrieval.Answering.Learning;
using Bot.Retrieval.Search;
using Bot.Retrieval.Text;

namespace Bot.Retrieval.Answering;

/// <summary>
/// Answers with the one or two sentences of the top passages that best answer the question: most of the question's
/// weighted terms, and the kind of thing its question word asks for (a year for қашан, a number for қанша, a person for
/// кім, a name for қай). Each sentence carries the [n] of its passage. Headings and wiki markup are never quoted.
/// Whether to answer at all is learned (<see cref="AnswererModel"/>); under that, no chunk of the top three holding
/// <see cref="FloorShare"/> of <see cref="SearchOptions.MinRelevance"/> is "not found" outright.
/// </summary>
public sealed class ExtractiveAnswerer(KazakhAnalyzer analyzer, SearchOptions? options = null, AnswererModel? model = null) : IAnswerer
{
    /// <summary>The floor under the learned decision, as a share of <see cref="SearchOptions.MinRelevance"/>.</summary>
    public const double FloorShare = 0.5;

    // Read when first answering, not when built: training builds pipelines before it writes the model they will ship.
    private AnswererModel Model => model ?? AnswererModel.Shipped;
    private readonly double floor = (options ?? new SearchOptions()).MinRelevance * FloorShare;

    private const int PassagesRead = 3;
    // A third sentence never raised KazQAD containment (tune 34.7 %, holdout 40.9 % with two or three) and lengthened answers.
    private const int MaxSentences = 2;
    private const int MaxAnswerChars = 700;

    // A sentence's hand score: the idf-weighted share of the question's precise terms it holds, plus these. Hand weights,
    // measured on KazQAD tune and seed-dev (docs/tuning-diary.md); the learned chance is added at the model's weight.
    /// <summary>Per share of the question's adjacent stem pairs the sentence repeats in order.</summary>
    private const double PairsWeight = 0.15;
    /// <summary>When the sentence holds what the question word asks for (a year for қашан, a number for қанша …).</summary>
    private const double AnswerTypeBonus = 0.25;
    /// <summary>Per unit of the passage's relevance.</summary>
    private const double RelevanceWeight = 0.05;
    /// <summary>Per rank the passage is below the first.</summary>
    private const double RankPenalty = 0.03;
    /// <summary>For a sentence longer than <see cref="LongSentenceChars"/>.</summary>
    private const double LongSentencePenalty = 0.05;
    private const int LongSentenceChars = 400;
    /// <summary>A second sentence must score at least this share of the first's.</summary>
    private const double SecondSentenceShare = 0.75;
    /// <summary>
    /// The answer-or-refuse chance from which a refusal still offers its closest sentence (<see cref="Answer.Nearest"/>).
    /// Chosen on kazqad-tune (`Bot.Bench -- answers`): of the 78 answerable questions refused there, 55 get one and 24 of
    /// those hold the answer; of the 97 refused questions whose passages were removed, 41 get one. In a sweep from 0.2 to
    /// 0.45 (scored on the answer's one or two sentences) the share of those offered that held the answer stayed at
    /// 27–35 %; a lower chance offers it to more of the unanswerable ones.
    /// </summary>
    public const double NearestChance = 0.3;
    /// <summary>What must be left of a sentence without its leading connective for it to stand alone.</summary>
    private const int MinStandaloneChars = 20;

    public Task<Answer> AnswerAsync(SearchResult search, CancellationToken cancellationToken = default)
    {
        if (search.Hits.Count == 0 || search.Hits.Take(PassagesRead).Max(h => h.Relevance) < floor) return Task.FromResult(Answer.NotFound(search));
        // Whether to answer at all is learned (AnswererModel): a score from the retrieval and the sentence the model
        // ranks best, with the threshold picked on kazqad-tune so that a false answer costs twice a refusal.
        var ranked = Model.Rank(SentenceFeatures.Quotable(analyzer, search));
        if (ranked.Count == 0) return Task.FromResult(Answer.NotFound(search));
        double chance = Model.AnswerProbability(Model.AnswerFeaturesOf(search, ranked));
        if (chance < Model.AnswerThreshold && chance < NearestChance) return Task.FromResult(Answer.NotFound(search));
        // The sentence is chosen by the hand score and, at the weight training found best out of fold, the learned chance.
        var sentences = ranked.Select(r => (r.Candidate, r.Probability, Hand: HandScore(r.Candidate)))
            .Select(x => new Candidate(x.Candidate.Hit, x.Candidate.Order, SentenceFeatures.Clean(x.Candidate.Text), x.Candidate.Terms,
                ScoreOf(x.Hand, x.Probability), x.Hand))
            .ToList();
        var best = sentences.MaxBy(c => c.Score)!;
        if (chance < Model.AnswerThreshold)
        {
            // Not an answer; but it came near one, so the closest sentence is offered as no more than that.
            return Task.FromResult(Answer.NotFound(search) with
            {
                Nearest = new NearestPassage(WithMarker(WithoutLeadingConnective(best.Text.Trim()), 1), Citation.Of(1, best.Hit)),
            });
        }

        var kind = QuestionClassifier.Classify(search.Analyzed.Words);
        // Each sentence's short answer and whether it stands where the question word stood, worked out once.
        var spans = new Dictionary<Candidate, (string? Text, bool InPlace)>(ReferenceEqualityComparer.Instance);
        (string? Text, bool InPlace) SpanOf(Candidate c) =>
            spans.TryGetValue(c, out var span) ? span : spans[c] = ShortAnswerAndPlace(kind, search.Analyzed, c.Text);
        // A best sentence whose short answer stands where the question word stood answers alone: a second sentence only
        // lengthened it (KazQAD tune: containment 40.5 % either way, 214 → 204 characters).
        var chosen = SpanOf(best).InPlace ? [best] : Choose(sentences, search, c => SpanOf(c).InPlace);
        // The short answer is the run of words of the best sentence that the span model ranks first, when it is sure enough;
        // unless only another chosen sentence has its span where the question word stood ("комитетті кім басқарды?": the
        // Шатов sentence is best, "… Т.Рысқұлов басқарды" answers). On KazQAD the same either way (tune F1 0.190 both).
        var inPlace = chosen.Where(c => SpanOf(c).InPlace).ToList();
        var shortAnswer = SpanOf(inPlace.Count == 1 ? inPlace[0] : best).Text;
        return Task.FromResult(Compose(chosen, search) with { ShortAnswer = shortAnswer });
    }

    /// <summary>
    /// The learned span of the sentence, when the model is sure enough; where a typed rule (<see cref="ShortAnswers"/>)
    /// finds a number with its unit, a date or a person sharing its words, that whole value instead ("1925" →
    /// "1925 ж. желтоқсанда", "600" → "600 қалаш"): the question word asks for the unit and the month too.
    /// </summary>
    public string? ShortAnswerOf(QuestionKind kind, AnalyzedQuestion question, string sentence) => ShortAnswerAndPlace(kind, question, sentence).Text;

    private static readonly int BeforeAskedNext = Array.IndexOf(SpanFeatures.Names, "before_asked_next"), AfterAskedPrevious = Array.IndexOf(SpanFeatures.Names, "after_asked_previous");

    /// <summary>The short answer, and whether it stands where the question word stood (a typed question only).</summary>
    private (string? Text, bool InPlace) ShortAnswerAndPlace(QuestionKind kind, AnalyzedQuestion question, string sentence)
    {
        var typed = ShortAnswers.Extract(analyzer, kind, question, sentence);
        var span = Model.BestSpan(SpanFeatures.For(analyzer, kind, question, sentence, typed));
        if (span is not { } s || s.Probability < Model.SpanThreshold) return (null, false);
        bool inPlace = kind != QuestionKind.Any && (s.Span.Features[BeforeAskedNext] > 0 || s.Span.Features[AfterAskedPrevious] > 0);
        if (typed is null) return (s.Span.Text, inPlace);
        var typedWords = AnswerTokens.Of(typed);
        return (AnswerTokens.Of(s.Span.Text).Any(typedWords.Contains) ? typed : s.Span.Text, inPlace);
    }

    /// <summary>The score a sentence is chosen by: its hand score plus, at the model's weight, its learned chance.</summary>
    internal double ScoreOf(double hand, double probability) => hand + Model.LearnedWeight * probability;

    /// <summary>
    /// The hand-weighted score of a sentence from its learned signals: the idf-weighted share of the question's terms it
    /// holds, its share of the question's word pairs, the answer type present, its passage's relevance and rank, length.
    /// </summary>
    internal static double HandScore(SentenceCandidate candidate)
    {
        var f = candidate.Features;
        return f[SentenceFeatures.Coverage]
            + PairsWeight * f[SentenceFeatures.PairShare]
            + AnswerTypeBonus * f[SentenceFeatures.TypePresent]
            + RelevanceWeight * candidate.Hit.Relevance
            - RankPenalty * (candidate.Hit.Rank - 1)
            - (candidate.Text.Length > LongSentenceChars ? LongSentencePenalty : 0);
    }

    private static List<Candidate> Choose(List<Candidate> sentences, SearchResult search, Func<Candidate, bool> answersInPlace)
    {
        var ranked = sentences.OrderByDescending(s => s.Score).ToList();
        var chosen = new List<Candidate> { ranked[0] };
        var covered = new HashSet<string>(ranked[0].Terms, StringComparer.Ordinal);
        int length = ranked[0].Text.Length;
        foreach (var next in ranked.Skip(1))
        {
            if (chosen.Count >= MaxSentences || length + next.Text.Length > MaxAnswerChars) break;
            // A further sentence earns its place by a hand score close to the best's, and by bringing question terms the
            // answer lacks or by answering where the question word stood ("ұзындығы қанша?": "Жалпы ұзындығы 1445
            // километрге …" beside the 432 km sentence that ranked first; KazQAD tune the same either way).
            if (next.Hand < ranked[0].Hand * SecondSentenceShare) continue;
            bool addsTerms = search.QuestionTerms.Any(t => !TermCoverage.Contains(covered, t) && TermCoverage.Contains(next.Terms, t));
            if (!addsTerms && !answersInPlace(next)) continue;
            chosen.Add(next);
            covered.UnionWith(next.Terms);
            length += next.Text.Length;
        }

        // Read in document order: passage rank, then position inside the passage.
        return chosen.OrderBy(c => c.Hit.Rank).ThenBy(c => c.Order).ToList();
    }

    private static Answer Compose(List<Candidate> chosen, SearchResult search) => Compose(chosen.Select(c => (c.Hit, c.Text)), search);

    /// <summary>The chosen sentences, in the order given, each with the [n] of its passage; the first stands alone.</summary>
    internal static Answer Compose(IEnumerable<(SearchHit Hit, string Text)> chosen, SearchResult search)
    {
        var citations = new List<Citation>();
        var parts = new List<string>();
        foreach (var sentence in chosen)
        {
            var hit = sentence.Hit;
            var citation = citations.FirstOrDefault(c => c.ChunkId == hit.Chunk.Id);
            if (citation is null)
            {
                citation = Citation.Of(citations.Count + 1, hit);
                citations.Add(citation);
            }

            // The first sentence stands alone: a connective that leaned on the sentence before it goes ("Ал 1929 ж. …" → "1929 ж. …").
            parts.Add(WithMarker(parts.Count == 0 ? WithoutLeadingConnective(sentence.Text.Trim()) : sentence.Text.Trim(), citation.N));
        }

        return new Answer(true, string.Join(" ", parts), citations, search);
    }

    private static readonly string[] Connectives =
    [
        "Сондай-ақ", "Сонымен қатар", "Сонымен бірге", "Сонымен", "Сонымен қоса", "Алайда", "Бірақ", "Дегенмен", "Осылайша", "Яғни",
        "Демек", "Ендеше", "Және", "Әрі", "Ал", "Осыдан кейін", "Кейін",
    ];

    /// <summary>The sentence without a leading connective (Ал, Сондай-ақ, Алайда …), its next word capitalised.</summary>
    public static string WithoutLeadingConnective(string sentence)
    {
        foreach (var connective in Connectives.OrderByDescending(c => c.Length))
        {
            if (!sentence.StartsWith(connective, StringComparison.Ordinal) || sentence.Length <= connective.Length) continue;
            var after = sentence[connective.Length];
            if (after is not (' ' or ',')) continue;
            var rest = sentence[connective.Length..].TrimStart(' ', ',');
            if (rest.Length < MinStandaloneChars) return sentence; // too little left to stand alone
            return char.ToUpperInvariant(rest[0]) + rest[1..];
        }

        return sentence;
    }

    // "… 1445 километрге жетті." → "… 1445 километрге жетті [1]." (the marker goes before the closing punctuation).
    private static string WithMarker(string sentence, int n)
    {
        int end = sentence.Length;
        while (end > 0 && sentence[end - 1] is '.' or '!' or '?' or '…') end--;
        if (end == 0) return $"{sentence} [{n}]";
        var tail = sentence[end..];
        return $"{sentence[..end]} [{n}]{(tail.Length == 0 ? "." : tail)}";
    }

    private sealed record Candidate(SearchHit Hit, int Order, string Text, IReadOnlySet<string> Terms, double Score, double Hand);
}
