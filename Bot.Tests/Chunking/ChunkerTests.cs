using Bot.Retrieval.Chunking;
using Bot.Retrieval.Documents;
using Bot.Tests.Support;

namespace Bot.Tests.Chunking;

public sealed class ChunkerTests
{
    private static readonly ChunkerOptions Options = new();
    private static readonly Document Seed = KnowledgeFolder.Load(Repo.Knowledge).Documents.Single();

    [Fact]
    public void Chunk_Seed_ChunksTileTheDocumentAtSentenceBoundaries()
    {
        var chunks = new Chunker(Options).Chunk(Seed);
        Assert.InRange(chunks.Count, 20, 200);
        foreach (var c in chunks)
        {
            Assert.Equal(c.Text, Seed.Text[c.CharStart..c.CharEnd]);
            Assert.Equal($"{Seed.Id}#{c.Ordinal}", c.Id);
            Assert.Equal(Seed.Title, c.Title);
            Assert.True(c.ParagraphStart <= c.ParagraphEnd);
            Assert.True(c.Text.Length <= Options.MaxChars || SentenceSplitter.Split(c.Text).Count == 1, $"chunk {c.Id} is {c.Text.Length} chars");
            Assert.Matches(@"[.!?…»”""]$", c.Text); // every chunk ends a sentence
        }

        // Every sentence of every paragraph is in exactly one chunk.
        var covered = chunks.Sum(c => c.Text.Length);
        var paragraphs = Seed.Paragraphs.Sum(p => p.Text.Length);
        Assert.InRange(covered, paragraphs - 5 * chunks.Count, paragraphs + 2 * Seed.Paragraphs.Count);
        Assert.Equal(chunks.Count, chunks.Select(c => c.Id).Distinct().Count());
    }

    [Theory]
    [InlineData("1925 ж. желтоқсанда")]
    [InlineData("В.С.Шатов тағайындалды")]
    [InlineData("Ә.Исекешов, «ҚазМұнайГаз» ҰК» АҚ басқармасының төрағасы С.Мыңбаев")]
    [InlineData("Жалпы ұзындығы 1445 километрге созылған бұл темір жолдың")]
    public void Chunk_Seed_NeverCutsInsideASentence(string phrase) =>
        Assert.Contains(new Chunker(Options).Chunk(Seed), c => c.Text.Contains(phrase, StringComparison.Ordinal));

    [Fact]
    public void Chunk_NeverCrossesASection()
    {
        foreach (var c in new Chunker(Options).Chunk(Seed))
        {
            var sections = Seed.Paragraphs.Where(p => p.Number >= c.ParagraphStart && p.Number <= c.ParagraphEnd).Select(p => p.Section).Distinct();
            Assert.Equal([c.Section], sections);
        }
    }

    [Fact]
    public void Chunk_SameDocument_SameChunks()
    {
        var again = KnowledgeFolder.Load(Repo.Knowledge).Documents.Single();
        Assert.Equal(new Chunker(Options).Chunk(Seed), new Chunker(Options).Chunk(again));
    }
}
