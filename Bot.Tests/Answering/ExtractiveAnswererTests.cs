using Bot.Tests.Support;

namespace Bot.Tests.Answering;

/// <summary>Answers over the shipped seed document, one per question word.</summary>
public sealed class ExtractiveAnswererTests : IClassFixture<SeedPipelineFixture>
{
    private readonly Pipeline pipeline;

    public ExtractiveAnswererTests(SeedPipelineFixture fixture) => pipeline = fixture.Pipeline;

    [Theory]
    [InlineData("Кеңестер Одағын индустрияландыру бағыты қашан белгіленді?", "1925")]         // қашан → a year
    [InlineData("Наубайханада күніне қанша қалаш пісіріледі?", "600")]                         // қанша → a number
    [InlineData("Түрксіб құрылысының бастығы кім болды?", "Шатов")]                            // кім → a person
    [InlineData("1926 жылы өнеркәсіптің дамуына арналған өлкелік мәжіліс қай қалада өтті?", "Қызылорда")] // қай → a place
    [InlineData("Qazaqstan mūnai öndıru boiynşa neşınşı orynda tūrdy?", "үшінші")]               // Latin, нешінші → an ordinal
    [InlineData("Жумагулова канша адамды жумыспен камтып отыр?", "57")]                         // Russian keyboard
    public async Task Answer_PicksTheSentenceWithWhatTheQuestionWordAsksFor(string question, string expected)
    {
        var answer = await pipeline.AskAsync(question);
        Assert.True(answer.Found);
        Assert.Contains(expected, answer.Text);
        Assert.Matches(@"\[1\]", answer.Text);
        var citation = answer.Citations[0];
        Assert.Equal(1, citation.N);
        Assert.Equal("kazakhstan-industrialization", citation.DocumentId);
        Assert.Equal("Қазақстанды индустрияландыру", citation.Title);
        Assert.StartsWith("¶ ", Bot.Host.Formatting.Places.Describe(citation.Place));
    }

    [Fact]
    public async Task Answer_NeverQuotesASectionHeading()
    {
        // The seed runs "Түрксіб темір жолын салу." into its paragraph; it used to open this answer, cited as a source.
        var answer = await pipeline.AskAsync("Түрксібті салуға неше жыл кетті?");
        Assert.True(answer.Found);
        Assert.DoesNotContain("Түрксіб темір жолын салу [", answer.Text);
        Assert.Contains("үш жылда", answer.Text);
    }

    [Fact]
    public async Task Answer_CitesOnlyWhatItUses_NumberedInOrder()
    {
        var answer = await pipeline.AskAsync("Түрксіб темір жолының жалпы ұзындығы қанша?");
        Assert.Contains("1445", answer.Text);
        Assert.Equal(Enumerable.Range(1, answer.Citations.Count), answer.Citations.Select(c => c.N));
        foreach (var c in answer.Citations) Assert.Contains($"[{c.N}]", answer.Text);
        Assert.Equal("Түрксіб темір жолын салу", answer.Citations[0].Section);
    }

    [Theory]
    [InlineData("Ертең Алматыда ауа райы қандай болады?")]
    [InlineData("Биткоиннің бағасы қанша?")]
    [InlineData("Қазақстан футбол құрамасының бас бапкері кім?")]
    [InlineData("Марс планетасына қашан ұшады?")]
    [InlineData("🙂🙂🙂")]
    [InlineData("<b></b>")]
    public async Task Answer_NothingRelevant_IsNotFound_NeverAGuess(string question)
    {
        var answer = await pipeline.AskAsync(question);
        Assert.False(answer.Found);
        Assert.Empty(answer.Text);
        Assert.Empty(answer.Citations);
    }

    [Fact]
    public async Task ARefusalThatCameNear_OffersItsClosestSentence_AsNoAnswer()
    {
        // "қосылды" where the document says "түйісіп": refused, but the closest sentence holds Айнабұлақ.
        var near = await pipeline.AskAsync("Түрксібтің екі бөлігі қай жерде қосылды?");
        Assert.False(near.Found);
        Assert.Empty(near.Text);
        Assert.Empty(near.Citations);
        Assert.NotNull(near.Nearest);
        Assert.Contains("Айнабұлақ", near.Nearest.Text);
        Assert.EndsWith("[1].", near.Nearest.Text);
        Assert.Equal(1, near.Nearest.Citation.N);
        Assert.Contains("Айнабұлақ", near.Nearest.Citation.Text);

        // Nothing near: nothing offered. An answer offers nothing either.
        Assert.Null((await pipeline.AskAsync("Биткоиннің бағасы қанша?")).Nearest);
        Assert.Null((await pipeline.AskAsync("Түрксіб құрылысының бастығы кім болды?")).Nearest);
    }
}
