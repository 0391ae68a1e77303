using Bot.Retrieval.Documents;
using Bot.Tests.Support;

namespace Bot.Tests.Documents;

public sealed class KnowledgeFolderTests
{
    [Fact]
    public void Load_Seed_DropsSiteBoilerplate()
    {
        var doc = Assert.Single(KnowledgeFolder.Load(Repo.Knowledge).Documents);
        var text = doc.Text;
        Assert.DoesNotContain("444.22", text);          // currency ticker on the first line
        Assert.DoesNotContain("Сіздің реакцияңыз", text); // reaction widget and its counters
        Assert.DoesNotContain("Ұнамайды 0", text);
        Assert.DoesNotContain("Серіктес жаңалықтары", text); // trailing navigation
        Assert.DoesNotContain("¬", text);
        Assert.DoesNotContain("\u00A0", text);
        Assert.Contains("1445 километрге", text);
        Assert.EndsWith("еңбек даңқына бөленді.", text);
    }

    [Fact]
    public void Load_Seed_TitleAndArticleHeadingsBecomeSections()
    {
        var doc = Assert.Single(KnowledgeFolder.Load(Repo.Knowledge).Documents);
        Assert.Equal("kazakhstan-industrialization", doc.Id);
        Assert.Equal("Қазақстанды индустрияландыру", doc.Title);
        var sections = doc.Paragraphs.Select(p => p.Section).Distinct().ToList();
        Assert.Contains("Қазақстанның жаңа индустрияландырылуы әлемдік экономиканың қазіргі даму ғұрпына сәйкес болуы тиіс", sections);
        Assert.Contains("Түрксіб темір жолын салу", sections);
        Assert.Contains("Қазақстан металлургиясы", sections);
        Assert.DoesNotContain(sections, s => s.StartsWith("Түрксіб құрылысының бастығы", StringComparison.Ordinal)); // a sentence, not a heading
        var turksib = doc.Paragraphs.First(p => p.Text.Contains("В.С.Шатов тағайындалды"));
        Assert.Equal("Түрксіб темір жолын салу", turksib.Section);
    }

    [Fact]
    public void Load_Paragraphs_OffsetsPointIntoText()
    {
        var doc = Assert.Single(KnowledgeFolder.Load(Repo.Knowledge).Documents);
        foreach (var p in doc.Paragraphs) Assert.Equal(p.Text, doc.Text.Substring(p.Start, p.Text.Length));
    }

    [Fact]
    public void Load_Markdown_HeadingsBecomeSections()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.Combine("guide.md"), """
            # Бот туралы нұсқаулық

            Бот құжаттар бойынша **қазақша** жауап береді.

            ## Топта сұрау

            Топта [/ask](https://example.org) командасын жазыңыз.
            """);
        var doc = Assert.Single(KnowledgeFolder.Load(temp.Path).Documents);
        Assert.Equal("guide", doc.Id);
        Assert.Equal("Бот туралы нұсқаулық", doc.Title);
        Assert.Equal("Топта сұрау", doc.Paragraphs[^1].Section);
        Assert.Equal("Топта /ask командасын жазыңыз.", doc.Paragraphs[^1].Text);
        Assert.Equal("Бот құжаттар бойынша қазақша жауап береді.", doc.Paragraphs[0].Text);
    }

    [Fact]
    public void Load_JsonlCollection_OneDocumentPerLine_BadLinesReported()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.Combine("wiki"));
        File.WriteAllText(temp.Combine("wiki", "passages.jsonl"),
            """
            {"pid": 17, "title": "Абай", "text": "Абай Құнанбайұлы 1845 жылы туған."}
            {"id": "p2", "title": "Алматы", "text": "Алматы — Қазақстанның ең ірі қаласы."}
            not json
            {"id": "p3"}
            {"id": "p2", "text": "қайталанған id"}
            """);
        var result = KnowledgeFolder.Load(temp.Path);
        Assert.Equal(["17", "p2"], result.Documents.Select(d => d.Id));
        Assert.Equal("Абай", result.Documents[0].Title);
        Assert.Equal("wiki/passages.jsonl#17", result.Documents[0].Source);
        Assert.Equal(3, result.Problems.Count);
        Assert.Contains(result.Problems, p => p.Contains("passages.jsonl:3") && p.Contains("JSON"));
    }

    [Fact]
    public void Load_UnsupportedFiles_AreReportedNotFatal()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.Combine("a.txt"), "Бұл мәтін құжаты, онда бір сөйлем бар.");
        File.WriteAllBytes(temp.Combine("scan.png"), [0x89, 0x50, 0x4E, 0x47]);
        var result = KnowledgeFolder.Load(temp.Path);
        Assert.Single(result.Documents);
        Assert.Contains(result.Problems, p => p.Contains("scan.png"));
    }

    [Fact]
    public void Hash_ChangesWithContent_AndIsStable()
    {
        Assert.Equal(KnowledgeFolder.Hash("мәтін"), KnowledgeFolder.Hash("мәтін"));
        Assert.NotEqual(KnowledgeFolder.Hash("мәтін"), KnowledgeFolder.Hash("мәтін."));
    }
}
