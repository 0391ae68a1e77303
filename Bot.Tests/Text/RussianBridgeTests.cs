using System.Text.Json;
using Bot.Retrieval.Answering;
using Bot.Retrieval.Text;
using Bot.Retrieval.Text.Russian;
using Bot.Tests.Support;

namespace Bot.Tests.Text;

/// <summary>Russian questions read in Kazakh: the language told apart, words bridged, and the Kazakh answer with its note.</summary>
public sealed class RussianBridgeTests
{
    private static readonly RussianBridge Bridge = RussianBridge.Default;

    private static IEnumerable<(string Question, string Variant)> Questions(string path) =>
        File.ReadLines(path).Where(l => l.Trim().Length > 0).Select(l => JsonDocument.Parse(l).RootElement)
            .Select(e => (e.GetProperty("question").GetString()!, e.TryGetProperty("variant", out var v) ? v.GetString() ?? "" : ""));

    [Fact]
    public void NoKazakhQuestion_IsReadAsRussian_InAnySpelling()
    {
        // seed-dev's Kazakh, Russian-keyboard and Latin questions, and every KazQAD tune question.
        var kazakh = Questions(Repo.SeedDev).Where(q => q.Variant != "russian").Select(q => q.Question)
            .Concat(Questions(Path.Combine(Repo.Root, "eval", "kazqad", "kazqad-tune.jsonl")).Select(q => q.Question)).ToList();
        Assert.True(kazakh.Count > 250);
        Assert.DoesNotContain(kazakh, Bridge.IsRussian);
        Assert.False(Bridge.IsRussian("Турксиб курылысына канша адам тартылды?"));
        Assert.False(Bridge.IsRussian("Кеңестер Одағын индустрияландыру бағыты қашан белгіленді?"));
    }

    [Fact]
    public void RussianQuestions_AreReadAsRussian()
    {
        var russian = Questions(Repo.SeedDev).Where(q => q.Variant == "russian").Select(q => q.Question)
            .Concat(Questions(Path.Combine(Repo.Root, "eval", "russian", "questions.jsonl")).Select(q => q.Question)).ToList();
        Assert.True(russian.Count >= 38);
        Assert.All(russian, q => Assert.True(Bridge.IsRussian(q), q));
    }

    [Fact]
    public void Slots_TranslateWords_MapQuestionWords_AndKeepNamesAndNumbers()
    {
        var slots = Bridge.Slots("Кто руководил строительством Турксиба в 1929 году?");
        Assert.Equal(["кім"], slots[0].Words);
        Assert.Equal(RussianBridge.SlotKind.Asks, slots[0].Kind);
        Assert.Contains("басқару", slots[1].Words);
        Assert.Contains("құрылыс", slots[2].Words);
        Assert.Equal(RussianBridge.SlotKind.Kept, slots[3].Kind); // a name, kept by its stem for the Kazakh folding to meet Түрксіб
        Assert.Equal(["1929"], slots[4].Words);
        Assert.Equal(["жыл"], slots[5].Words);
        Assert.DoesNotContain(slots, s => s.Words.Contains("в")); // a preposition is not a word to search
    }

    [Fact]
    public void Choose_TakesTheWordThePassagesUse_ResolvesLoanwords_AndLeavesOutUnknownWords()
    {
        var analyzer = new KazakhAnalyzer();
        string[] passages = ["Шымкент қорғасын зауыты КСРО-дағы қорытылған қорғасынның 73,9 пайызын берді."];
        var slots = Bridge.Slots("Какой процент давал Шымкентский завод по выплавке?");
        var chosen = RussianBridge.Choose(slots, passages, analyzer);
        Assert.Contains("шымкент", chosen, StringComparison.OrdinalIgnoreCase); // шымкентск → the passages' Шымкент
        Assert.Contains("пайыз", chosen);
        Assert.Contains("зауыт", chosen);
        Assert.DoesNotContain("выплавк", chosen); // no passage word starts so: left out

        // When most words would be left out, none is: the emptier question is not this one.
        var bitcoin = RussianBridge.Choose(Bridge.Slots("Сколько стоит биткоин сегодня?"), passages, analyzer);
        Assert.Contains("биткоин", bitcoin);
    }

    [Fact]
    public void ARussianFormOfAName_BecomesThePassagesName_AndANameNoPassageHoldsStays()
    {
        var analyzer = new KazakhAnalyzer();
        string[] passages = ["Балқаш зауыты елімізде балқытылған мыстың 51 пайызын берді. Маңғыстау облысында бизнес үлесі 17 пайыз."];
        var copper = RussianBridge.Choose(Bridge.Slots("Какой процент меди давал Балхашский завод?"), passages, analyzer);
        Assert.Contains("Балқаш", copper); // х is қ
        var share = RussianBridge.Choose(Bridge.Slots("Какова доля бизнеса в Мангистауской области?"), passages, analyzer);
        Assert.Contains("Маңғыстау", share); // и is ы
        var elsewhere = RussianBridge.Choose(Bridge.Slots("Какой процент меди давал Норильский завод?"), passages, analyzer);
        Assert.Contains("норильск", elsewhere, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void WhichPlace_AsksForARank()
    {
        var slots = Bridge.Slots("Какое место занимал Казахстан по добыче нефти?");
        Assert.Equal("нешінші", slots[0].Words.Single());
        Assert.Equal(QuestionKind.Ordinal, QuestionClassifier.Classify(new KazakhAnalyzer(), RussianBridge.Wide(slots)));
        Assert.Equal("қай", Bridge.Slots("В каком городе прошло совещание?")[0].Words.Single());
    }

    [Theory]
    [InlineData("Сколько лет строили Турксиб?", "жыл", "жаз")]        // лет is years, not лето's stem
    [InlineData("Кем он стал после войны?", null, "болат")]           // стал is "became", not сталь's stem
    [InlineData("Какое право получили женщины?", null, "билеу")]      // право is not править's stem
    [InlineData("Какой вес у гири?", null, "барлық")]                 // вес is weight, not весь's stem
    public void AWordWhoseStemAnotherWordShares_IsNotTranslatedAsThatWord(string question, string? expected, string wrong)
    {
        var words = Bridge.Slots(question).SelectMany(s => s.Words).ToList();
        Assert.DoesNotContain(wrong, words);
        if (expected is not null) Assert.Contains(expected, words);
    }

    [Theory]
    [InlineData("мясокомбинаты", "ет", "комбинат")]
    [InlineData("рыбоконсервный", "балық", "консерві")]
    [InlineData("видеооборудование", "бейне", "жабдық")]
    public void ACompoundOfTwoKnownWords_IsTwoSlots(string word, string first, string second)
    {
        var slots = Bridge.Slots($"Где построили {word}?").Where(s => s.Kind == RussianBridge.SlotKind.Translated).ToList();
        Assert.Contains(slots, s => s.Words.Contains(first));
        Assert.Contains(slots, s => s.Words.Contains(second));
    }

    [Fact]
    public void TheLexicon_IsLoaded_WithTheCoreList()
    {
        Assert.True(Bridge.Size > 2000, $"{Bridge.Size} Russian stems");
        Assert.True(Bridge.Knows("строительство"));
        Assert.True(Bridge.Knows("длина"));
        Assert.Equal("строительств", RussianStemmer.Stem("Строительством"));
    }

    /// <summary>
    /// Floors a little under what was measured (docs/russian.md): answers holding the gold string, and unanswerable
    /// questions refused (questions.jsonl's are far from the document; second's and blind's mostly near its topics).
    /// </summary>
    [Theory]
    [InlineData("questions.jsonl", 32, 18, 4)] // measured 21 of 32, 4 of 4
    [InlineData("second.jsonl", 24, 17, 6)]    // measured 19 of 24, 6 of 10
    [InlineData("blind.jsonl", 20, 13, 3)]     // measured 15 of 20, 3 of 4
    public async Task TheRussianSets_AreAnsweredAboveTheirFloors(string name, int answerable, int minAnswered, int minRefused)
    {
        using var temp = new TempFolder();
        var file = Path.Combine(Repo.Root, "eval", "russian", name);
        var (code, stdout, stderr) = await InProcessCli.RunAsync(temp.Path, "ask", "--json", "--file", file, "--knowledge", temp.SeedKnowledge(), "--index", temp.Combine("i.db"));
        Assert.True(code == 0, stderr);
        var gold = File.ReadLines(file).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var replies = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(gold.Count, replies.Count);
        int answered = 0, refused = 0, questions = 0;
        for (int i = 0; i < gold.Count; i++)
        {
            bool found = replies[i].GetProperty("found").GetBoolean();
            if (gold[i].TryGetProperty("unanswerable", out var u) && u.GetBoolean())
            {
                if (!found) refused++;
                continue;
            }

            questions++;
            var text = replies[i].GetProperty("answer").GetString()!;
            if (found && gold[i].GetProperty("answers").EnumerateArray().Any(a => Bot.Retrieval.Text.EvalText.Contains(text, a.GetString()!))) answered++;
        }

        Assert.Equal(answerable, questions);
        Assert.True(answered >= minAnswered, $"{name}: {answered}/{answerable} Russian questions answered with the gold answer");
        Assert.True(refused >= minRefused, $"{name}: {refused} unanswerable questions refused");
    }

    [Fact]
    public async Task ARussianQuestion_GetsAKazakhAnswer_SayingItWasReadAsRussian_AndAnUnanswerableOneIsNotFound()
    {
        using var temp = new TempFolder();
        var knowledge = temp.SeedKnowledge();
        var (code, stdout, stderr) = await InProcessCli.RunAsync(temp.Path, "ask", "Кто руководил строительством Турксиба?", "--json", "--knowledge", knowledge, "--index", temp.Combine("i.db"));
        Assert.True(code == 0, stderr);
        var json = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal("ru", json.GetProperty("questionLanguage").GetString());
        Assert.True(json.GetProperty("found").GetBoolean());
        Assert.Contains("Шатов", json.GetProperty("answer").GetString());
        Assert.Contains("құрылыс", json.GetProperty("searchedAs").GetString());

        (code, stdout, stderr) = await InProcessCli.RunAsync(temp.Path, "ask", "Какова общая длина Турксиба?", "--knowledge", knowledge, "--index", temp.Combine("i.db"));
        Assert.True(code == 0, stderr);
        Assert.StartsWith("Сұрағыңыз орыс тілінде деп танылды", stdout);
        Assert.Contains("1445", stdout);

        (code, stdout, _) = await InProcessCli.RunAsync(temp.Path, "ask", "Кто главный тренер сборной Казахстана по футболу?", "--knowledge", knowledge, "--index", temp.Combine("i.db"));
        Assert.Equal(0, code);
        Assert.Contains("Құжаттардан бұл сұраққа жауап табылмады.", stdout);

        (code, stdout, _) = await InProcessCli.RunAsync(temp.Path, "ask", "Түрксіб құрылысының бастығы кім болды?", "--json", "--knowledge", knowledge, "--index", temp.Combine("i.db"));
        Assert.Equal("kk", JsonDocument.Parse(stdout).RootElement.GetProperty("questionLanguage").GetString());
    }
}
