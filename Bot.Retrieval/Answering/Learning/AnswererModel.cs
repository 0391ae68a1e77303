using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bot.Retrieval.Answering.Learning;

/// <summary>
/// The learned parts of the extractive answerer: which sentence answers (a logistic model over
/// <see cref="SentenceFeatures"/>) and whether to answer at all (a logistic model over the chosen sentence and the
/// retrieval, with the threshold picked on kazqad-tune so that a false answer costs twice a refusal), and which words of
/// the sentence are its short answer (a conditional logit over <see cref="SpanFeatures"/>). Trained by
/// `dotnet run -c Release --project Bot.Bench -- train-answerer`, shipped as a resource.
/// </summary>
public sealed record AnswererModel(
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("trainedOn")] string TrainedOn,
    [property: JsonPropertyName("sentenceFeatures")] IReadOnlyList<string> SentenceFeatureNames,
    [property: JsonPropertyName("sentenceWeights")] IReadOnlyList<double> SentenceWeights,
    [property: JsonPropertyName("answerFeatures")] IReadOnlyList<string> AnswerFeatureNames,
    [property: JsonPropertyName("answerWeights")] IReadOnlyList<double> AnswerWeights,
    [property: JsonPropertyName("answerThreshold")] double AnswerThreshold,
    [property: JsonPropertyName("spanFeatures")] IReadOnlyList<string> SpanFeatureNames,
    [property: JsonPropertyName("spanWeights")] IReadOnlyList<double> SpanWeights,
    [property: JsonPropertyName("spanThreshold")] double SpanThreshold,
    [property: JsonPropertyName("learnedWeight")] double LearnedWeight = 0)
{
    public const string ResourceName = "Bot.Retrieval.Answering.Learning.answerer-model.json";

    public static readonly string[] AnswerFeatures =
    [
        "bias", "sentence_probability", "sentence_coverage", "top_relevance", "best_relevance_top3", "probability_gap", "type_present",
        "sentence_score", "stem_share", "dense_score", "score_gap",
    ];

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    private static readonly Lazy<AnswererModel> ShippedModel = new(() =>
    {
        using var stream = typeof(AnswererModel).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the answerer model resource {ResourceName} is missing from the build");
        return Parse(new StreamReader(stream).ReadToEnd());
    });

    /// <summary>The model shipped with this build.</summary>
    public static AnswererModel Shipped => ShippedModel.Value;

    public static AnswererModel Parse(string json)
    {
        var model = JsonSerializer.Deserialize<AnswererModel>(json, Json) ?? throw new FormatException("an empty answerer model");
        if (model.SentenceFeatureNames is null || model.SentenceWeights is null || !model.SentenceFeatureNames.SequenceEqual(SentenceFeatures.Names) || model.SentenceWeights.Count != SentenceFeatures.Names.Length)
            throw new FormatException("the answerer model was trained on other sentence features: run `Bot.Bench -- train-answerer`");
        if (model.AnswerFeatureNames is null || model.AnswerWeights is null || !model.AnswerFeatureNames.SequenceEqual(AnswerFeatures) || model.AnswerWeights.Count != AnswerFeatures.Length)
            throw new FormatException("the answerer model was trained on other answer features: run `Bot.Bench -- train-answerer`");
        if (model.SpanFeatureNames is null || model.SpanWeights is null || !model.SpanFeatureNames.SequenceEqual(SpanFeatures.Names) || model.SpanWeights.Count != SpanFeatures.Names.Length)
            throw new FormatException("the answerer model was trained on other span features: run `Bot.Bench -- train-answerer`");
        return model;
    }

    public string Serialize() => JsonSerializer.Serialize(this, Json) + "\n";

    /// <summary>The sentence's score: among one question's candidates, the softmax of these is the chance each holds the answer.</summary>
    internal double SentenceScore(SentenceCandidate candidate) => LogisticRegression.Score(SentenceWeights, candidate.Features);

    public double AnswerProbability(double[] features) => LogisticRegression.Probability(AnswerWeights, features);

    /// <summary>The candidates best first, each with its chance (softmax over the question's candidates) of holding the answer.</summary>
    internal List<(SentenceCandidate Candidate, double Probability)> Rank(IEnumerable<SentenceCandidate> candidates)
    {
        var scored = candidates.Select(c => (Candidate: c, Score: SentenceScore(c))).ToList();
        if (scored.Count == 0) return [];
        double max = scored.Max(s => s.Score);
        double sum = scored.Sum(s => Math.Exp(s.Score - max));
        return scored.Select(s => (s.Candidate, Math.Exp(s.Score - max) / sum))
            .OrderByDescending(x => x.Item2).ThenBy(x => x.Candidate.Hit.Rank).ThenBy(x => x.Candidate.Order).ToList();
    }

    /// <summary>
    /// The sentence's short answer: the span the model ranks first, when its chance (softmax over the sentence's spans)
    /// reaches <see cref="SpanThreshold"/>; otherwise null, and the sentence answers alone.
    /// </summary>
    internal (SpanCandidate Span, double Probability)? BestSpan(IReadOnlyList<SpanCandidate> candidates)
    {
        if (candidates.Count == 0) return null;
        var scores = candidates.Select(c => LogisticRegression.Score(SpanWeights, c.Features)).ToList();
        double max = scores.Max();
        double sum = scores.Sum(s => Math.Exp(s - max));
        int best = scores.IndexOf(max);
        return (candidates[best], 1 / sum);
    }

    // How far the first hit stands ahead of the second, as a share of its score: a passage that answers tends to stand out,
    // while without it the nearest passages are level (refusal cross-validated on tune: cost 186 -> 181).
    private static double ScoreGap(IReadOnlyList<Search.SearchHit> hits) =>
        hits.Count < 2 || hits[0].Score <= 0 ? 1 : Math.Clamp((hits[0].Score - hits[1].Score) / hits[0].Score, 0, 1);

    /// <summary>
    /// What the answer-or-refuse model reads: the best sentence, how far ahead of the next it is, and the retrieval (its
    /// first hit's lead over the second too).
    /// </summary>
    internal double[] AnswerFeaturesOf(Search.SearchResult search, IReadOnlyList<(SentenceCandidate Candidate, double Probability)> ranked)
    {
        var best = ranked[0];
        return
        [
            1,
            best.Probability,
            best.Candidate.Features[1],
            search.Hits[0].Relevance,
            search.Hits.Take(3).Max(h => h.Relevance),
            best.Probability - (ranked.Count > 1 ? ranked[1].Probability : 0),
            best.Candidate.Features[4],
            Math.Clamp(SentenceScore(best.Candidate) / 10, -1, 1),
            best.Candidate.Features[2],
            search.Hits[0].DenseScore,
            ScoreGap(search.Hits),
        ];
    }
}
