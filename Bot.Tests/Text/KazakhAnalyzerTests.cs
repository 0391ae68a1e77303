using Bot.Retrieval.Text;

namespace Bot.Tests.Text;

public sealed class KazakhAnalyzerTests
{
    private static readonly KazakhAnalyzer Analyzer = new();
    private static readonly KazakhAnalyzer Uncapped = new(new AnalyzerOptions { MaxStemLength = 0 });

    [Theory]
    [InlineData("Түрксіб құрылысына қанша адам тартылды?", "Турксиб курылысына канша адам тартылды?")] // Russian keyboard
    [InlineData("Түрксіб құрылысына қанша адам тартылды?", "Türksıb qūrylysyna qanşa adam tartyldy?")] // Latin, 2021 alphabet
    [InlineData("Түрксіб құрылысына қанша адам тартылды?", "Turksib qurylysyna qansha adam tartyldy?")] // informal Latin: sh, q
    [InlineData("Шымкент қорғасын зауыты", "Şymkent qorğasyn zauyty")]
    [InlineData("Шымкент қорғасын зауыты", "Shymkent qorgasyn zawyty")] // sh, w
    [InlineData("Жұмағұлова жұмыспен қамтып отыр", "Zhumagulova zhumyspen qamtyp otyr")] // zh
    [InlineData("өнімдердің әртараптандыруы", "өнiмдердiң әртараптандыруы")] // Latin i inside Cyrillic words, as in the seed
    [InlineData("Мемлекеттік бағдарлама", "МЕМЛЕКЕТТІК БАҒДАРЛАМА")] // case
    [InlineData("Маңғыстау облысы", "Ман\u0301гыстау облысы")] // stray combining mark is not a letter of the word
    public void Terms_SpellingVariants_MeetTheProperSpelling(string proper, string variant)
    {
        var expected = Analyzer.Terms(proper);
        Assert.NotEmpty(expected);
        if (variant.Contains('\u0301'))
        {
            Assert.Equal(expected, Analyzer.Terms(variant.Replace("\u0301", "")));
            return;
        }

        Assert.Equal(expected, Analyzer.Terms(variant));
    }

    [Fact]
    public void Terms_NfdText_EqualsNfc()
    {
        var nfc = "Әкімдерімен кеңес өткізді";
        Assert.Equal(Analyzer.Terms(nfc), Analyzer.Terms(nfc.Normalize(System.Text.NormalizationForm.FormD)));
    }

    [Fact]
    public void Terms_SoftHyphenAndNotSign_InsideWords_AreIgnored()
    {
        Assert.Equal(Analyzer.Terms("индустрияландыру"), Analyzer.Terms("индустрия\u00ADландыру"));
        Assert.Equal(Analyzer.Terms("индустрияландыру"), Analyzer.Terms("индустрия¬ландыру"));
    }

    [Theory]
    [InlineData("облыстарының", "облыс")]
    [InlineData("облысы", "облыс")]
    [InlineData("Түрксібтің", "турксиб")]
    [InlineData("Түрксібке", "турксиб")]
    [InlineData("ұзындығы", "узындык")]
    [InlineData("ұзындық", "узындык")]
    [InlineData("жолының", "жол")]
    [InlineData("жолын", "жол")]
    [InlineData("әкімдерімен", "аким")]
    [InlineData("балаларымызға", "бала")]
    [InlineData("Қызылордада", "кызылорда")]
    [InlineData("1445", "1445")]
    public void Terms_InflectedForms_StemToOneTerm(string word, string stem) =>
        Assert.Equal([stem], Uncapped.Terms(word));

    [Theory]
    [InlineData("Қызылордада", "кызыл")]
    [InlineData("индустрияландыру", "индус")]
    [InlineData("жолының", "жол")]
    [InlineData("1445", "1445")]
    public void Terms_ByDefault_StemsAreCutToFiveLetters(string word, string term) =>
        Assert.Equal([term], Analyzer.Terms(word));

    [Fact]
    public void Terms_InflectionsOfOneNoun_Meet()
    {
        var forms = new[] { "облыс", "облысы", "облыстың", "облысқа", "облыста", "облыстан", "облыстар", "облыстарының", "облысының" };
        Assert.Single(forms.SelectMany(f => Uncapped.Terms(f)).Distinct());
    }

    [Fact]
    public void Terms_StopAndQuestionWords_AreDropped()
    {
        Assert.Empty(Analyzer.Terms("қашан қанша кім және мен бұл"));
        Assert.Empty(Analyzer.Terms("кто когда сколько где"));
    }

    [Theory]
    [InlineData("кімдер")]
    [InlineData("кімдердің")]
    [InlineData("қайсысын")]
    [InlineData("қаншасы")]
    [InlineData("табыңыз")]
    [InlineData("көрсетіңіз")]
    public void Terms_InflectedQuestionWordsAndTaskWords_AreDropped(string word) => Assert.Empty(Analyzer.Terms(word));

    [Theory]
    [InlineData("қан")] // "blood": қандай stems to it, so question stems are listed, not derived
    [InlineData("қайың")] // "birch", beside қай
    [InlineData("қала")]
    public void Terms_ContentWordsBesideQuestionWords_AreKept(string word) => Assert.NotEmpty(Analyzer.Terms(word));

    [Theory]
    [InlineData("ауруы", "ауруының")] // possessive ы after у, not the verbal noun -уы
    [InlineData("бөлінеді", "бөлінеді")]
    public void Terms_ForTheseForms_MeetAndStayApart(string a, string b)
    {
        Assert.Equal(Uncapped.Terms(a), Uncapped.Terms(b));
        // One case or verb ending only: бөлінеді is бөлін+еді, never бөлі+н or бөл ("to be").
        Assert.NotEqual(Uncapped.Terms("бол"), Uncapped.Terms("бөлінеді"));
    }

    [Theory]
    [InlineData("басында", "бас")] // бас+ы+нда: the lexicon knows бас, so not ба+сы+нда
    [InlineData("саны", "сан")] // сан+ы, not са+ны
    [InlineData("қаласында", "кала")]
    [InlineData("алтын", "алтын")] // a word, not ал+тын or алты+н
    [InlineData("көне", "коне")] // not кө+не
    [InlineData("Шоқан", "шокан")] // a name the lexicon lacks keeps three letters: not шо+қан
    [InlineData("Шоқанның", "шокан")]
    [InlineData("ауданнан", "аудан")] // -нан after н; and аудан is a word, not ау+дан
    [InlineData("елдің", "ел")] // a two-letter stem the lexicon knows; its abbreviation "елд" is no root
    public void Terms_WithTheLexicon_EndingsAreNotPeeledOffWords(string word, string stem) =>
        Assert.Equal([stem], Uncapped.Terms(word));

    [Theory]
    [InlineData("Астана", "астанасы")] // -на follows a possessive only: not аста+на
    [InlineData("орта", "ортасы")] // -та follows a voiceless consonant: not ор+та
    [InlineData("Түрксіб", "Түрксібке")] // a loan's final б sounds п, and -ке follows the sound
    public void Terms_EndingsAgreeWithTheSoundBefore(string word, string inflected)
    {
        var noLexicon = new KazakhAnalyzer(new AnalyzerOptions { MaxStemLength = 0, Lexicon = false });
        Assert.Equal(Uncapped.Terms(word), Uncapped.Terms(inflected));
        Assert.Equal(noLexicon.Terms(word), noLexicon.Terms(inflected));
    }

    [Fact]
    public void Terms_WithoutTheLexicon_PeelTheLongestEndings()
    {
        var noLexicon = new KazakhAnalyzer(new AnalyzerOptions { MaxStemLength = 0, Lexicon = false });
        Assert.Equal(["ба"], noLexicon.Terms("басында"));
        Assert.Equal(["облыс"], noLexicon.Terms("облыстарының"));
    }

    [Theory]
    [InlineData("XIX ғасыр", "19 ғасыр")]
    [InlineData("ХІХ ғасыр", "19 ғасыр")] // Cyrillic Х and І
    [InlineData("ХШ ғасыр", "13 ғасыр")] // Ш typed for III
    [InlineData("XIV-XV ғасырларда", "14-15 ғасырларда")]
    [InlineData("V ғасыр", "5 ғасыр")]
    [InlineData("xv ғасыр", "15 ғасыр")]
    [InlineData("XV ғ.", "15 ғасыр")] // ғ. after a number is ғасыр
    [InlineData("1870 ж.", "1870 жыл")] // ж. after a number is жыл
    [InlineData("1089ж.", "1089 жыл")] // a number and a word written together part
    [InlineData("1990жылы", "1990 жылы")]
    public void Terms_RomanNumeralsAndAbbreviations_MeetTheWrittenForm(string variant, string written) =>
        Assert.Equal(Analyzer.Terms(written), Analyzer.Terms(variant));

    [Theory]
    [InlineData("С. Сейфуллин")] // an initial, not 100
    [InlineData("Х. Досмұхамедұлы")] // a lone Cyrillic Х is an initial, not 10
    [InlineData("МС")]
    public void Terms_InitialsAndAbbreviations_AreNotNumbers(string text) =>
        Assert.DoesNotContain(Analyzer.Terms(text), t => char.IsDigit(t[0]));

    // Regression: each Ш is read as three letters, and a token with two of them overran the buffer and threw, so a
    // message holding ХШШ (or ШШШШ after an Х) could not be searched at all.
    [Theory]
    [InlineData("ХШШ ғасыр")]
    [InlineData("ХШШШШШ")]
    [InlineData("ІШШШШШШ")]
    public void Words_ManyШAfterARomanLetter_AreWordsNotACrash(string text)
    {
        var words = Analyzer.Words(text);

        Assert.DoesNotContain(words, w => char.IsDigit(w[0]));
    }

    [Fact]
    public void Terms_RussianYearAbbreviation_IsNotACentury() =>
        Assert.DoesNotContain(Analyzer.Terms("ғасыр").Single(), Analyzer.Terms("1941 г."));

    [Fact]
    public void Words_RussianQuestionWords_BecomeKazakh()
    {
        Assert.Equal(["ким", "руководил"], Analyzer.Words("Кто руководил"));
        Assert.Contains("кашан", Analyzer.Words("Когда началась"));
    }

    [Fact]
    public void Terms_SwitchedOff_KeepSurfaceForms()
    {
        var plain = new KazakhAnalyzer(new AnalyzerOptions { Fold = false, Stem = false, StopWords = false });
        Assert.Equal(["және", "облыстарының"], plain.Terms("және облыстарының"));
    }

    [Fact]
    public void Fingerprint_ChangesWithEveryStep()
    {
        var fingerprints = new[]
        {
            new AnalyzerOptions().Fingerprint,
            new AnalyzerOptions { Fold = false }.Fingerprint,
            new AnalyzerOptions { Stem = false }.Fingerprint,
            new AnalyzerOptions { Stemmer = StemmerKind.SuffixList }.Fingerprint,
            new AnalyzerOptions { StopWords = false }.Fingerprint,
            new AnalyzerOptions { Transliterate = false }.Fingerprint,
            new AnalyzerOptions { MaxStemLength = 0 }.Fingerprint,
            new AnalyzerOptions { Lexicon = false }.Fingerprint,
        };
        Assert.Equal(fingerprints.Length, fingerprints.Distinct().Count());
    }
}
