using Bot.Retrieval.Evaluation;
using Bot.Tests.Support;

namespace Bot.Tests.Evaluation;

/// <summary>
/// Retrieval and answer quality on KazQAD's tune split, so a change that costs ranking or answer quality fails CI, not a
/// later benchmark. Floors sit a little under the measured numbers.
/// </summary>
public sealed class KazqadRegressionTests
{
    [Fact]
    public async Task KazqadTune_NdcgAt10_StaysAboveTheMeasuredLevel()
    {
        using var temp = new TempFolder();
        var knowledge = temp.Combine("knowledge");
        Directory.CreateDirectory(knowledge);
        File.Copy(Path.Combine(Repo.Root, "eval", "kazqad", "passages.jsonl"), Path.Combine(knowledge, "passages.jsonl"));
        using var pipeline = new Pipeline(knowledge, temp.Combine("index.db"));
        var report = await pipeline.SyncAsync();
        Assert.Equal(697, report.Documents);

        var outcomes = new List<EvalOutcome>();
        foreach (var question in EvalQuestion.ReadFile(Path.Combine(Repo.Root, "eval", "kazqad", "kazqad-tune.jsonl")))
        {
            var search = await pipeline.Retriever.SearchAsync(question.Question, 40);
            outcomes.Add(EvalScorer.ScoreRanking(question, search.Hits.Select(h => h.Chunk.DocumentId).ToList(), 0, 10));
        }

        var overall = EvalReport.From("all", outcomes);
        Assert.Equal(259, overall.Questions);
        // Lucene BM25 with the standard analyzer scores 0.622 on the same pool (README).
        // 0.786 with the title re-rank; 0.798 with the sentence and order re-rank; 0.806 with the word list and
        // sound-agreement rules in the stemmer.
        Assert.True(overall.Ndcg10 >= 0.80, $"nDCG@10 {overall.Ndcg10:0.000}");
        Assert.True(overall.Recall10 >= 0.92, $"Recall@10 {overall.Recall10:0.000}");

        // The answer a user reads (Bot.Bench -- answers measures 40.5 % containment and short-answer F1 0.197 here: 0.079
        // before the learned span, 0.128 before the learned chance counted in the sentence choice, 35.5 % and 0.132 before
        // the stop-listed words let it count at w = 10, 40.2 % and 0.172 before the question word's place was a span signal).
        // Questions whose gold passage ranks first must mostly be answered (the bench: 25.7 % of the 183 refused).
        var questions = KazqadData.Questions(Path.Combine(Repo.Root, "eval", "kazqad", "kazqad-tune.jsonl"));
        int contained = 0, first = 0, notFound = 0;
        double f1 = 0;
        foreach (var question in questions)
        {
            var answer = await pipeline.AskAsync(question.Text);
            if (answer.Search.Hits.Count > 0 && question.GoldIds.Contains(answer.Search.Hits[0].Chunk.DocumentId))
            {
                first++;
                if (!answer.Found) notFound++;
            }

            if (!answer.Found) continue;
            if (AnswerMetrics.Contains(answer.Text, question.Answers)) contained++;
            f1 += AnswerMetrics.TokenF1(answer.ShortAnswer ?? answer.Text, question.Answers);
        }

        Assert.True(contained >= 0.37 * questions.Count, $"containment {contained}/{questions.Count}");
        Assert.True(f1 / questions.Count >= 0.17, $"short-answer token F1 {f1 / questions.Count:0.000}");
        Assert.True(notFound <= 0.30 * first, $"'not found' for {notFound}/{first} questions whose gold passage ranks first");
    }

    [Fact]
    public async Task KazqadTune_QuestionsWhosePassagesAreGone_AreRefused()
    {
        // The answer bench's reduced pool: the gold passages of a seeded half of all questions removed (Bot.Bench -- answers
        // measures, on tune: 77.3 % of the 128 questions left without their passages refused).
        var folder = Path.Combine(Repo.Root, "eval", "kazqad");
        var passages = KazqadData.Passages(Path.Combine(folder, "passages.jsonl"));
        var tune = KazqadData.Questions(Path.Combine(folder, "kazqad-tune.jsonl"));
        var (_, removed) = KazqadData.RemovedHalf(tune.Concat(KazqadData.Questions(Path.Combine(folder, "kazqad-holdout.jsonl"))), 16);
        using var temp = new TempFolder();
        using var reduced = await KazqadData.IndexAsync(temp.Combine("reduced"), passages.Where(p => !removed.Contains(p.Id)).ToList());

        int gone = 0, refused = 0;
        foreach (var question in tune.Where(q => q.GoldIds.All(removed.Contains)))
        {
            gone++;
            if (!(await reduced.AskAsync(question.Text)).Found) refused++;
        }

        Assert.Equal(128, gone);
        Assert.True(refused >= 0.72 * gone, $"refused {refused}/{gone} questions whose passages are gone");
    }
}
