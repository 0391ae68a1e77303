using Bot.Retrieval.Answering;
using Bot.Retrieval.Text;
using Bot.Tests.Support;

namespace Bot.Tests.Answering;

/// <summary>The span that answers the question word, over the shipped document and as units.</summary>
public sealed class ShortAnswersTests : IClassFixture<SeedPipelineFixture>
{
    private static readonly KazakhAnalyzer Analyzer = new();
    private readonly Pipeline pipeline;

    public ShortAnswersTests(SeedPipelineFixture fixture) => pipeline = fixture.Pipeline;

    [Theory]
    [InlineData("Түрксіб темір жолының жалпы ұзындығы қанша?", "1445 километрге")]
    [InlineData("Наубайханада күніне қанша қалаш пісіріледі?", "600 қалаш")]
    [InlineData("Түрксіб құрылысының бастығы кім болды?", "В.С.Шатов")]
    [InlineData("Бірінші бесжылдық қашан басталды?", "1928 жылдың 1 қазанынан")]
    [InlineData("Кеңестер Одағын индустрияландыру бағыты қашан белгіленді?", "1925 ж. желтоқсанда")]
    [InlineData("Qazaqstan mūnai öndıru boiynşa neşınşı orynda tūrdy?", "үшінші")]
    // The answer quotes the Шатов sentence first and the Рысқұлов one after it; only "Т.Рысқұлов басқарды" stands where
    // "кім басқарды?" asked, so the short answer comes from the second sentence.
    [InlineData("Түрксіб құрылысына көмектесетін комитетті кім басқарды?", "Т.Рысқұлов")]
    // Without "жалпы" the 432 km sentence ranks first; the 1445 km one, "ұзындығы 1445 километрге", stands where
    // "ұзындығы қанша?" asked, so it is quoted beside it and gives the short answer.
    [InlineData("Түрксіб темір жолының ұзындығы қанша?", "1445 километрге")]
    [InlineData("Атырау облысында шағын және орта бизнестің үлесі қандай?", "8 пайызға")]
    [InlineData("Түрксіб қашаннан бастап тұрақты жұмыс істеді?", "1931 жылдың қаңтарынан")]
    public async Task Answer_StartsWithTheSpanThatAnswersTheQuestionWord(string question, string expected)
    {
        var answer = await pipeline.AskAsync(question);
        Assert.True(answer.Found);
        Assert.Equal(expected, answer.ShortAnswer);
        Assert.Contains(expected, answer.Text); // taken from the sentence shown under it
    }

    [Fact]
    public async Task APlace_WhichNoTypedRuleFinds_ComesFromTheLearnedSpan()
    {
        // No rule knows places; the span model, trained on kazqad-tune's answer spans, picks the word before the verb.
        var answer = await pipeline.AskAsync("1926 жылы өнеркәсіптің дамуына арналған өлкелік мәжіліс қай қалада өтті?");
        Assert.True(answer.Found);
        Assert.Equal("Қызылордада", answer.ShortAnswer);
    }

    [Fact]
    public void NoShortAnswer_WhereTheSentenceHasOnlyStopWordsAndTheQuestionsOwnWords()
    {
        var answerer = new ExtractiveAnswerer(Analyzer);
        Assert.Null(answerer.ShortAnswerOf(QuestionKind.Any, Analyzer.Analyze("Зауыт не өндірді?"), "Және бұл зауыт."));
        Assert.Equal("мыс", answerer.ShortAnswerOf(QuestionKind.Any, Analyzer.Analyze("Зауыт не өндірді?"), "Бұл зауыт мыс өндірді."));
    }

    [Theory]
    [InlineData(QuestionKind.Number, "1926 жылы қанша зауыт салынды?", "1926 жылы 12 зауыт салынды.", "12 зауыт")] // the question's own year is not the answer
    [InlineData(QuestionKind.Number, "Мыстың қанша пайызын берді?", "Зауыт КСРО мысының 30% берді.", "30%")]
    [InlineData(QuestionKind.Date, "Зауыт қашан ашылды?", "Зауыт 3 мамырда ашылды.", "3 мамырда")]
    [InlineData(QuestionKind.Person, "Комитетті кім басқарды?", "Комитетті Т. Рысқұлов басқарды.", "Т. Рысқұлов")]
    public void Extract_TakesTheValueTheQuestionDoesNotGive(QuestionKind kind, string question, string sentence, string expected) =>
        Assert.Equal(expected, ShortAnswers.Extract(Analyzer, kind, Analyzer.Analyze(question), sentence));

    [Fact]
    public void Extract_OfASentenceWithoutSuchAValue_IsNull() =>
        Assert.Null(ShortAnswers.Extract(Analyzer, QuestionKind.Number, Analyzer.Analyze("Қанша зауыт салынды?"), "Зауыттар көп салынды."));
}

public sealed class LeadingConnectiveTests
{
    [Theory]
    [InlineData("Ал 1929 жылғы қаңтарда өткен жиналыста мәселе талқыланды.", "1929 жылғы қаңтарда өткен жиналыста мәселе талқыланды.")]
    [InlineData("Сондай-ақ, зауыт 1932 жылы іске қосылды және өнім берді.", "Зауыт 1932 жылы іске қосылды және өнім берді.")]
    [InlineData("Алматы қаласы 1854 жылы негізі қаланды.", "Алматы қаласы 1854 жылы негізі қаланды.")] // "Ал" inside a word
    [InlineData("Ал бұл рас.", "Ал бұл рас.")] // too little would be left
    public void WithoutLeadingConnective_DropsTheWordThatLeansOnTheSentenceBefore(string sentence, string alone) =>
        Assert.Equal(alone, Bot.Retrieval.Answering.ExtractiveAnswerer.WithoutLeadingConnective(sentence));
}
