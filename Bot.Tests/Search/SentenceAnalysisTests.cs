using Bot.Retrieval.Chunking;
using Bot.Retrieval.Documents;
using Bot.Retrieval.Documents.Cleaning;
using Bot.Retrieval.Index;
using Bot.Retrieval.Search;
using Bot.Retrieval.Text;
using Bot.Tests.Support;

namespace Bot.Tests.Search;

public sealed class SentenceAnalysisTests
{
    private static readonly KazakhAnalyzer Analyzer = KazakhAnalyzer.Default;

    // Chunk text is analysed without a second repair: that is only right if every loader repairs what it reads. Web-text
    // habits in every in-process format: Latin "i" and "o" inside Kazakh words, a soft hyphen, no-break spaces, CRLF,
    // a zero-width space, decomposed "й".
    [Fact]
    public void Chunks_OfEveryInProcessFormat_AreRepairedAlready_SoTheirWordsNeedNoSecondRepair()
    {
        using var temp = new TempFolder();
        var knowledge = temp.SeedKnowledge();
        const string dirty = "Түрксiб темiр жо\u00ADлы\u00A01930\u00A0жылы салынды.\r\nОны салуғa 5 жыл кетті\u200B. Ұзындығы 1445 км бол\u0438\u0306ды.\r\n";
        File.WriteAllText(Path.Combine(knowledge, "web.txt"), "Тeмiр жол\r\n\r\n" + dirty);
        File.WriteAllText(Path.Combine(knowledge, "notes.md"), "# Тeмiр жол\r\n\r\n## Салынуы\r\n\r\n" + dirty);
        File.WriteAllText(Path.Combine(knowledge, "faq.jsonl"), "{\"id\":\"q1\",\"title\":\"Тeмiр жол\",\"text\":\"" + dirty.Replace("\r\n", "\\n") + "\"}\n");

        var documents = KnowledgeFolder.Load(knowledge).Documents;
        Assert.Equal(4, documents.Count);
        var chunks = documents.SelectMany(new Chunker(new ChunkerOptions()).Chunk).ToList();
        var analysis = new SentenceAnalysis(Analyzer);
        foreach (var chunk in chunks)
        {
            Assert.Equal(ScriptRepair.Repair(chunk.Heading), chunk.Heading);
            Assert.Equal(ScriptRepair.Repair(chunk.Text), chunk.Text);
            foreach (var sentence in analysis.Of(chunk)) Assert.Equal(Analyzer.Words(sentence.Text), sentence.Analyzed.Words);
        }

        // The dirty lines reached the index as Kazakh words, whichever file they came in.
        var added = chunks.Where(c => !c.DocumentId.StartsWith("kazakhstan-industrialization", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, added.Select(c => c.DocumentId).Distinct().Count());
        Assert.All(added, c => Assert.Contains(KazakhFold.Fold("түрксіб"), Analyzer.Words(c.Text)));
    }

    [Fact]
    public void Of_TheSameChunkTwice_IsOneAnalysis_AndItsSentencesTileTheText()
    {
        const string text = "Түрксіб 1930 жылы ашылды. Ұзындығы 1445 км. Оны салуға 5 жыл кетті.";
        var chunk = new Chunk { Id = "d#0", DocumentId = "d", Title = "Түрксіб", CharEnd = text.Length, Text = text };
        var analysis = new SentenceAnalysis(Analyzer);

        var first = analysis.Of(chunk);
        Assert.Same(first, analysis.Of(chunk with { }));
        Assert.Equal(["Түрксіб 1930 жылы ашылды.", "Ұзындығы 1445 км.", "Оны салуға 5 жыл кетті."], first.Select(s => s.Text));
        Assert.All(first, s => Assert.Equal(s.Text, text.Substring(s.Start, s.Length)));
        Assert.Equal(Analyzer.PreciseTerms(first[1].Text), first[1].Analyzed.PreciseTerms);
        Assert.Equal(Analyzer.Terms(first[1].Text).ToHashSet(), first[1].Analyzed.Stems);
        // The same id with new text (a re-indexed document) is analysed anew.
        Assert.NotSame(first, analysis.Of(chunk with { Text = text + " Жаңа сөйлем.", CharEnd = text.Length + 13 }));
    }

    [Fact]
    public async Task TheRetriever_HandsItsAnalysisOn_SoTheAnswererReadsTheSentencesItRanked()
    {
        using var temp = new TempFolder();
        using var pipeline = new Pipeline(temp.SeedKnowledge(), temp.Combine("index.db"));
        await pipeline.SyncAsync();

        var first = await pipeline.Retriever.SearchAsync("Түрксіб темір жолының ұзындығы қанша?");
        var second = await pipeline.Retriever.SearchAsync("Түрксібті салуға неше жыл кетті?");
        Assert.NotNull(first.Sentences);
        Assert.Same(first.Sentences, second.Sentences);
        Assert.Same(first.Sentences, SentenceAnalysis.For(first, pipeline.Analyzer));
        // The re-ranker analysed the hits' sentences; reading them again is a lookup, not a second analysis.
        var hit = first.Hits[0].Chunk;
        Assert.Same(first.Sentences!.Of(hit), first.Sentences.Of(hit with { }));
        // An analysis made with another analyzer is not reused.
        Assert.NotSame(first.Sentences, SentenceAnalysis.For(first, new KazakhAnalyzer(new AnalyzerOptions { Fold = false })));
    }
}
