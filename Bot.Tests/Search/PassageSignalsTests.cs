using Bot.Retrieval.Chunking;
using Bot.Retrieval.Index;
using Bot.Retrieval.Search;
using Bot.Retrieval.Text;

namespace Bot.Tests.Search;

public sealed class PassageSignalsTests
{
    private static readonly KazakhAnalyzer Analyzer = KazakhAnalyzer.Default;
    private static readonly TermStatistics Flat = new(100, new Dictionary<string, int>());

    private static PassageSignals Signals(string text) =>
        PassageSignals.Of(new Chunk { Id = "c", DocumentId = "d", Title = "Тақырып", CharEnd = text.Length, Text = text }, new SentenceAnalysis(Analyzer));

    private static QuestionTerms Question(string text) => new(Analyzer.PreciseTerms(text), Flat);

    [Fact]
    public void BestSentence_TermsTogetherInOneSentence_BeatTermsSpreadOverSentences()
    {
        var question = Question("Атмосфераның жер бетіне түсіретін қысымы");
        var together = Signals("Атмосфералық қысым атмосфераның жер бетіне түсіретін қысымы. Ол барометрмен өлшенеді.");
        var spread = Signals("Атмосфераның құрамы күрделі. Жер бетіне жарық түседі. Қысымы өзгереді. Түсіретін әсері зор.");

        Assert.Equal(1.0, together.BestSentence(question), 3);
        Assert.True(spread.BestSentence(question) <= 0.5, spread.BestSentence(question).ToString());
        // Both chunks hold every question term: only the sentence signal tells them apart.
        Assert.Equal(1.0, TermCoverage.Of(question, together.Terms), 3);
        Assert.Equal(1.0, TermCoverage.Of(question, spread.Terms), 3);
    }

    [Fact]
    public void InOrder_QuestionOrder_CountsFully_AndReversedOrderCountsOneTerm()
    {
        var question = Question("Отырар қаласын Шыңғыс хан әскері қоршауға алды");
        var inOrder = Signals("1219 жылы Отырар қаласын Шыңғыс хан әскері қоршауға алды.");
        var reversed = Signals("Қоршауға алды әскері хан Шыңғыс қаласын Отырар.");

        Assert.Equal(1.0, inOrder.InOrder(question), 3);
        Assert.True(reversed.InOrder(question) < 0.3, reversed.InOrder(question).ToString());
        Assert.Equal(0, Signals("Мүлде басқа тақырып.").InOrder(question));
    }
}
