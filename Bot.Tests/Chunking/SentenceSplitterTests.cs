using Bot.Retrieval.Chunking;

namespace Bot.Tests.Chunking;

public sealed class SentenceSplitterTests
{
    [Theory]
    [InlineData("1925 ж. желтоқсанда съезд өтті. Келесі жылы мәжіліс болды.", 2)]
    [InlineData("Кеңесте министр Ә.Исекешов баяндама жасады. Ол ұзақ сөйледі.", 2)]
    [InlineData("Құрылыс бастығы болып В.С. Шатов тағайындалды. Жұмыс басталды.", 2)]
    [InlineData("Құрылыс бастығы болып В.С.Шатов тағайындалды.", 1)]
    [InlineData("Өзендер: Ертіс, Іле, Шу және т.б. Көпірлер салынды.", 2)]
    [InlineData("Мал, егін, т.с.с. Бәрі өсті.", 2)]
    [InlineData("Бұл б.з.д. 500 жылы болған. Содан кейін өзгерді.", 2)]
    [InlineData("ҚР Президенті сөйледі. Үкімет тыңдады!", 2)]
    [InlineData("1930 ж. 28 сәуірде жол ашылды. Ал 1931 жылдың қаңтарынан бастап жұмыс істеді.", 2)]
    [InlineData("Ол «Бұл маңызды. Біз дайынбыз» деді. Содан соң кетті.", 3)]
    [InlineData("Қанша? Он бес. Жарайды…", 3)]
    [InlineData("Өсім 3,3 млрд сомға жетті. Бұл көп.", 2)]
    [InlineData("Денесі арқылы газ алмастырады.Барлық денесімен тыныс алады.", 2)] // the space lost after a full stop
    [InlineData("Экспедицияны Ә.Жангелдин басқарды.", 1)]
    [InlineData("Өзендер, көлдер т.б.Сонымен бірге таулар.", 1)]
    [InlineData("Сайт kazakhstan.Kz деп аталады.", 1)]
    [InlineData("Оларды жоңғарлар деп атаған (қ. Жоңғар хандығы). Соғыс басталды.", 2)] // қ. is қараңыз
    [InlineData("Андронов мәдениеті б. з. б. XV ғасырда болған. Ол кең тараған.", 2)]
    public void Split_KazakhAbbreviationsAndInitials(string text, int sentences) =>
        Assert.Equal(sentences, SentenceSplitter.Split(text).Count);

    [Fact]
    public void Split_KeepsYearAbbreviationInsideTheSentence()
    {
        var sentences = SentenceSplitter.SplitText("Қазақстанда индустрияландыруға бағыт алу. 1925 ж. желтоқсанда өткен съезде бағыт белгіленді.");
        Assert.Equal(["Қазақстанда индустрияландыруға бағыт алу.", "1925 ж. желтоқсанда өткен съезде бағыт белгіленді."], sentences);
    }

    [Theory]
    [InlineData("* Шаңырақ– үйдің бас бөлігі.* Күлдіреуіш– түнікті көтеретін бөлшек.", new[] { "Шаңырақ– үйдің бас бөлігі.", "Күлдіреуіш– түнікті көтеретін бөлшек." })]
    [InlineData("Екі ел арасында қақтығыстар\n* 1950 жылы соғыс болды. 1953 жылы аяқталды.", new[] { "Екі ел арасында қақтығыстар", "1950 жылы соғыс болды.", "1953 жылы аяқталды." })]
    [InlineData("Бұлшықеттер: • Бұлшықет талшықтардан тұрады • Сіңір сүйекке бекиді", new[] { "Бұлшықеттер:", "Бұлшықет талшықтардан тұрады", "Сіңір сүйекке бекиді" })]
    [InlineData("Бұл сөз* маңызды болды.", new[] { "Бұл сөз* маңызды болды." })] // a footnote mark glued to its word
    public void Split_AListItemIsASentenceOfItsOwn_WithoutItsBullet(string text, string[] sentences) =>
        Assert.Equal(sentences, SentenceSplitter.SplitText(text));
}
