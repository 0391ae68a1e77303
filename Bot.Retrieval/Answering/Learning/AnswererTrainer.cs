using System.Globalization;
using Bot.Retrieval.Evaluation;
using Bot.Retrieval.Search;

namespace Bot.Retrieval.Answering.Learning;

/// <summary>
/// Trains <see cref="AnswererModel"/> on kazqad-tune (never holdout) and seed-dev: a sentence is a positive example when
/// it holds a gold answer string; answering is right when the pool holds the question's gold passage, and wrong (a false
/// answer) when it does not: tune's own seeded half asked again without its gold passages, and seed-dev's unanswerable
/// questions. The threshold makes a false answer cost twice a refusal. Deterministic: the same data gives the same file.
/// </summary>
public static class AnswererTrainer
{
    public const string Version = "answerer-v1";
    private const int ReducedPoolSeed = 17;
    private const double FalseAnswerCost = 2, RefusalCost = 1;

    public static async Task<AnswererModel> TrainAsync(string kazqadFolder, string seedDev, string seedKnowledge, string workFolder, TextWriter? log = null)
    {
        var passages = KazqadData.Passages(Path.Combine(kazqadFolder, "passages.jsonl"));
        var tune = KazqadData.Questions(Path.Combine(kazqadFolder, "kazqad-tune.jsonl"));
        var (_, removed) = KazqadData.RemovedHalf(tune, ReducedPoolSeed);
        var seed = EvalQuestion.ReadFile(seedDev);

        using var full = await KazqadData.IndexAsync(Path.Combine(workFolder, "full"), passages);
        using var reduced = await KazqadData.IndexAsync(Path.Combine(workFolder, "reduced"), passages.Where(p => !removed.Contains(p.Id)).ToList());
        using var shipped = new RetrievalPipeline(Path.Combine(workFolder, "seed", "index.db"));
        await shipped.Indexer.SyncAsync(seedKnowledge);

        // Every question once, with where it is asked and whether it can be answered there.
        var asked = new List<(SearchResult Search, IReadOnlyList<string> Answers, bool Answerable)>();
        foreach (var q in tune)
        {
            asked.Add((await full.Retriever.SearchAsync(q.Text), q.Answers, true));
            if (q.GoldIds.All(removed.Contains)) asked.Add((await reduced.Retriever.SearchAsync(q.Text), q.Answers, false));
        }

        foreach (var q in seed) asked.Add((await shipped.Retriever.SearchAsync(q.Question), q.Answers, !q.Unanswerable));

        var analyzer = full.Analyzer;
        var candidates = asked.Select(a => SentenceFeatures.For(analyzer, a.Search)).ToList();
        var groups = new List<IReadOnlyList<(double[] X, bool Y)>>();
        for (int i = 0; i < asked.Count; i++)
        {
            if (asked[i].Answerable) groups.Add(candidates[i].Select(c => (c.Features, AnswerMetrics.Contains(c.Text, asked[i].Answers))).ToList());
        }

        var sentenceWeights = Rounded(LogisticRegression.FitRanking(groups));
        var draft = new AnswererModel(Version, "", SentenceFeatures.Names, sentenceWeights, AnswererModel.AnswerFeatures, new double[AnswererModel.AnswerFeatures.Length], 0.5);

        var answerX = new List<double[]>();
        var answerY = new List<bool>();
        for (int i = 0; i < asked.Count; i++)
        {
            if (candidates[i].Count == 0) continue;
            var ranked = draft.Rank(candidates[i]);
            answerX.Add(draft.AnswerFeaturesOf(asked[i].Search, ranked));
            answerY.Add(asked[i].Answerable);
        }

        var answerWeights = Rounded(LogisticRegression.Fit(answerX, answerY));
        var probabilities = answerX.Select(x => LogisticRegression.Probability(answerWeights, x)).ToList();
        var threshold = Threshold(probabilities, answerY);
        int answered = probabilities.Count(p => p >= threshold);
        log?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sentences: {groups.Sum(g => g.Count)} in {groups.Count} questions ({groups.Count(g => g.Any(c => c.Y))} with one holding an answer); questions: {answerX.Count} ({answerY.Count(y => y)} answerable); threshold {threshold:0.000} answers {answered}"));
        var trainedOn = string.Create(CultureInfo.InvariantCulture,
            $"kazqad-tune ({tune.Count} questions, {removed.Count} gold passages removed with seed {ReducedPoolSeed} for refusals) and seed-dev ({seed.Count} questions)");
        return draft with { TrainedOn = trainedOn, AnswerWeights = answerWeights, AnswerThreshold = Math.Round(threshold, 4) };
    }

    // The threshold with the least cost over the training questions: answering one the pool cannot answer costs twice
// refusing one it can.
    private static double Threshold(List<double> probabilities, List<bool> right)
    {
        var candidates = probabilities.Distinct().Order().ToList();
        double bestCost = double.MaxValue, best = 0.5;
        for (int i = 0; i < candidates.Count; i++)
        {
            double t = i == 0 ? candidates[0] : (candidates[i - 1] + candidates[i]) / 2, cost = 0;
            for (int j = 0; j < probabilities.Count; j++)
            {
                bool answers = probabilities[j] >= t;
                if (answers && !right[j]) cost += FalseAnswerCost;
                if (!answers && right[j]) cost += RefusalCost;
            }

            if (cost < bestCost)
            {
                bestCost = cost;
                best = t;
            }
        }

        return best;
    }

    private static double[] Rounded(double[] weights) => weights.Select(w => Math.Round(w, 4)).ToArray();
}
