using Bot.Retrieval.Answering;
using Bot.Retrieval.Text;

namespace Bot.Tests.Answering;

/// <summary>What a question word asks for, and whether a sentence holds that kind of thing.</summary>
public sealed class QuestionClassifierTests
{
    [Theory]
    [InlineData("Түрксіб темір жолы бес жылдан екі жыл бұрын, яғни үш жылда салынып бітті.", true)]
    [InlineData("Жалпы ұзындығы 1445 километрге созылған.", true)]
    [InlineData("Құрылыс 3 жылда аяқталды.", true)]
    [InlineData("Жүк тасымалы 2902 мың тоннадан өсті.", true)]
    // A year with its ж. and a day before its month answer қашан, not неше: "1928 ж." is not a count.
    [InlineData("1928 ж. желтоқсанда БК(б)П ОК мәжілісінде Түрксіб жұмысшыларының жағдайы қаралды.", false)]
    [InlineData("Бөліктері 1930 ж. 28 сәуірде Айнабұлақ станциясында түйісті.", false)]
    // "оның" is not "он" (ten), nor "бірақ" "бір" (one).
    [InlineData("Бірақ оның маңызы зор екенінде дау жоқ.", false)]
    public void ANumberQuestion_IsSatisfiedByACount_NotByADateOrAPronoun(string sentence, bool satisfies)
    {
        Assert.Equal(QuestionKind.Number, QuestionClassifier.Classify(new KazakhAnalyzer(), "Түрксібті салуға неше жыл кетті?"));
        Assert.Equal(satisfies, QuestionClassifier.Satisfies(QuestionKind.Number, sentence));
    }

    [Theory]
    [InlineData("Қожа Ахмет Иассауи кесенесінің биіктігі қандай?", QuestionKind.Number)]
    [InlineData("Адамның аузындағы күрек тістердің саны қандай?", QuestionKind.Number)]
    [InlineData("қандай ұзындық турксиб?", QuestionKind.Number)] // a Russian question as the bridge reads it
    [InlineData("Kesenenıñ bıiktıgı qandai?", QuestionKind.Number)]
    // қандай beside no measure, or a measure word that is not beside it, stays a question of any kind.
    [InlineData("Тасбақатәрізділердің қандай ерекшелігі бар?", QuestionKind.Any)]
    [InlineData("Халық санының күрт өсуіне қандай әсер тигізеді?", QuestionKind.Any)]
    [InlineData("Райымбек ауданында қандай ақын туған?", QuestionKind.Any)]
    // қай with a year or a time asks for a date (the analyzer folds й to и: "каи" is what the classifier sees).
    [InlineData("Абай қай жылы дүниеден өткен?", QuestionKind.Date)]
    [InlineData("Корей соғысы қай жылдары болды?", QuestionKind.Date)]
    [InlineData("Қазақ хандығы қай уақытта құрылған?", QuestionKind.Date)]
    [InlineData("Qazaqstannyñ industrialandyru kartasy qai jyldarğa arnalğan?", QuestionKind.Date)]
    [InlineData("Алюминий зауыты қай қалада бар?", QuestionKind.PlaceOrName)]
    // A share or a price asked with қандай is a number too; a question word with its case ending keeps its kind.
    [InlineData("Атырау облысында шағын және орта бизнестің үлесі қандай?", QuestionKind.Number)]
    [InlineData("Ауыл шаруашылығының пайызы қандай болды?", QuestionKind.Number)] // й folds to и: "паиыз"
    [InlineData("Түрксіб қашаннан бастап тұрақты жұмыс істеді?", QuestionKind.Date)]
    [InlineData("«Алаш» партиясының көсемдері кімдер болған?", QuestionKind.Person)]
    [InlineData("Оғыздар кімдермен одақтасты?", QuestionKind.Person)]
    [InlineData("Мұнай өндіру қаншаға қысқарды?", QuestionKind.Number)]
    [InlineData("қай пайыз мыс беру Балқаш зауыт?", QuestionKind.Number)] // how the Russian bridge writes "какой процент"
    // A word that only begins like one is not a question word: қимыл ("movement") is no кім.
    [InlineData("Қимыл қандай болады?", QuestionKind.Any)]
    public void AMeasureWithKandai_IsANumber_KaiWithATime_ADate_ElseAPlaceOrName(string question, QuestionKind kind) =>
        Assert.Equal(kind, QuestionClassifier.Classify(new KazakhAnalyzer(), question));
}
