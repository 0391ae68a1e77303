using Bot.Retrieval.Answering;
using Bot.Retrieval.Answering.Learning;
using Bot.Retrieval.Chunking;
using Bot.Retrieval.Text;
using Bot.Retrieval.Training;
using Bot.Tests.Support;

namespace Bot.Tests.Answering;

/// <summary>The learned answerer's model: fitted deterministically, and the shipped file is what training produces.</summary>
public sealed class AnswererModelTests
{
    [Fact]
    public async Task ShippedModel_IsWhatTrainingOnTuneAndSeedDevProduces()
    {
        using var temp = new TempFolder();
        var trained = await AnswererTrainer.TrainAsync(Path.Combine(Repo.Root, "eval", "kazqad"), Repo.SeedDev, Repo.Knowledge, temp.Path);
        var shipped = File.ReadAllText(Path.Combine(Repo.Root, "Bot.Retrieval", "Answering", "Learning", "answerer-model.json"));
        Assert.True(shipped == trained.Serialize(),
            "Bot.Retrieval/Answering/Learning/answerer-model.json is not what training produces: run `dotnet run -c Release --project Bot.Bench -- train-answerer`");
        Assert.Equal(AnswererModel.Parse(shipped), AnswererModel.Shipped with { }, new ModelEquality());
    }

    [Fact]
    public void FitRanking_LearnsWhichCandidateOfEachGroupHoldsTheAnswer()
    {
        // The positive of each group has the higher second feature; the first feature is noise.
        var random = new Random(3);
        var groups = Enumerable.Range(0, 40).Select(_ =>
        {
            int positive = random.Next(5);
            return (IReadOnlyList<(double[] X, bool Y)>)Enumerable.Range(0, 5)
                .Select(i => (new[] { 1, random.NextDouble(), i == positive ? 0.8 + random.NextDouble() * 0.2 : random.NextDouble() * 0.7 }, i == positive)).ToList();
        }).ToList();
        var w = LogisticRegression.FitRanking(groups, steps: 500);
        Assert.Equal(0, w[0]);
        Assert.True(w[2] > 1 && Math.Abs(w[1]) < w[2] / 3, $"weights {string.Join(", ", w)}");
        Assert.Equal(w, LogisticRegression.FitRanking(groups, steps: 500)); // deterministic
    }

    [Fact]
    public void Fit_SeparatesTwoClasses_AndIsDeterministic()
    {
        var x = Enumerable.Range(0, 100).Select(i => new double[] { 1, i / 100.0 }).ToList();
        var y = x.Select(v => v[1] > 0.6).ToList();
        var w = LogisticRegression.Fit(x, y, steps: 2000);
        Assert.True(LogisticRegression.Probability(w, [1, 0.9]) > 0.7);
        Assert.True(LogisticRegression.Probability(w, [1, 0.2]) < 0.3);
        Assert.Equal(w, LogisticRegression.Fit(x, y, steps: 2000));
    }

    [Theory]
    [InlineData("Түрксіб темір жолын салу.", true)]
    [InlineData("Түрксіб темір жолы 1930 жылы салынды.", false)]
    public void RepeatsHeading_KnowsTheChunksOwnSectionRunIntoTheText(string sentence, bool heading)
    {
        var chunk = new Chunk { Id = "d#1", DocumentId = "d", Ordinal = 1, Title = "Қазақстанды индустрияландыру", Section = "Түрксіб темір жолын салу", CharEnd = sentence.Length, Text = sentence };
        Assert.Equal(heading, SentenceFeatures.RepeatsHeading(sentence, chunk));
    }

    [Theory]
    [InlineData("=== Тарихы ===", "")]
    [InlineData("| 1928 | 1445 км |", "")]
    [InlineData("Тарихы\nТүрксіб 1930 жылы салынды.", "Түрксіб 1930 жылы салынды.")]
    [InlineData("Түрксіб 1930 жылы\nсалынды.", "Түрксіб 1930 жылы салынды.")]
    public void Clean_DropsHeadingAndMarkupLines_AndFoldsLineBreaks(string sentence, string clean) =>
        Assert.Equal(clean, SentenceFeatures.Clean(sentence));

    [Theory]
    [InlineData("Финка дегеніміз не?")]
    [InlineData("Финка дегенимиз не?")] // a Russian keyboard
    [InlineData("Finka degenımız ne?")]
    public async Task ADefinitionQuestion_IsReadAsOne_HoweverItIsTyped(string question)
    {
        using var temp = new TempFolder();
        var knowledge = temp.Combine("knowledge");
        Directory.CreateDirectory(knowledge);
        await File.WriteAllTextAsync(Path.Combine(knowledge, "finka.md"),
            "# Сиыр цепені\n\nСиыр цепенінің дернәсілдері бұлшықетке орнығады. Финка – сиыр цепенінің екінші дернәсілі.\n");
        using var pipeline = new Pipeline(knowledge, temp.Combine("index.db"));
        await pipeline.SyncAsync();
        var candidates = SentenceFeatures.For(pipeline.Analyzer, await pipeline.Retriever.SearchAsync(question));
        int definition = Array.IndexOf(SentenceFeatures.Names, "definition");
        Assert.Equal(1, candidates.Single(c => c.Text.StartsWith("Финка", StringComparison.Ordinal)).Features[definition]);
        Assert.Equal(0, candidates.Single(c => c.Text.StartsWith("Сиыр", StringComparison.Ordinal)).Features[definition]);
    }

    [Theory]
    [InlineData("Комитетті кім басқарды?", "Оны төраға орынбасары Т.Рысқұлов басқарды.", "Т.Рысқұлов", "before_asked_next")]
    [InlineData("Құрылысқа қанша адам тартылды?", "Құрылысқа 100 мыңдай адам тартылды.", "100 мыңдай", "before_asked_next")]
    [InlineData("Жолдың ұзындығы қанша?", "Жолдың жалпы ұзындығы 1445 километр.", "1445 километр", "after_asked_previous")]
    public void ASpanStandingWhereTheQuestionWordStood_IsMarked(string question, string sentence, string span, string feature)
    {
        var analyzer = new KazakhAnalyzer();
        var analyzed = analyzer.Analyze(question);
        var candidates = SpanFeatures.For(analyzer, QuestionClassifier.Classify(analyzed.Words), analyzed, sentence);
        int index = Array.IndexOf(SpanFeatures.Names, feature);
        Assert.Equal(1, candidates.Single(c => c.Text == span).Features[index]);
        // A span elsewhere in the sentence is not where the question word stood.
        Assert.Equal(0, candidates.First(c => c.FirstWord == 0).Features[index]);
    }

    private sealed class ModelEquality : IEqualityComparer<AnswererModel>
    {
        public bool Equals(AnswererModel? a, AnswererModel? b) => a is not null && b is not null && a.Serialize() == b.Serialize();

        public int GetHashCode(AnswererModel model) => model.Version.GetHashCode(StringComparison.Ordinal);
    }
}
