using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Bot.Bench.Lucene;

/// <summary>The baseline: Lucene.Net 4.8 BM25 (k1 1.2, b 0.75) over title + text, one Lucene document per document.</summary>
public sealed class LuceneBm25 : IDisposable
{
    private readonly Analyzer analyzer;
    private readonly LuceneDirectory directory;
    private DirectoryReader? reader;
    private IndexSearcher? searcher;

    public LuceneBm25(Analyzer analyzer, string? path = null)
    {
        this.analyzer = analyzer;
        directory = path is null ? new RAMDirectory() : FSDirectory.Open(path);
    }

    public void Index(IEnumerable<(string Id, string Text)> documents)
    {
        var config = new IndexWriterConfig(LuceneVersion.LUCENE_48, analyzer) { Similarity = new BM25Similarity(), OpenMode = OpenMode.CREATE };
        using (var writer = new IndexWriter(directory, config))
        {
            foreach (var (id, text) in documents)
            {
                writer.AddDocument(new Document { new StringField("id", id, Field.Store.YES), new TextField("body", text, Field.Store.NO) });
            }

            writer.Commit();
        }

        Open();
    }

    /// <summary>Opens the index already in the directory (a process starting on it).</summary>
    public void Open()
    {
        reader = DirectoryReader.Open(directory);
        searcher = new IndexSearcher(reader) { Similarity = new BM25Similarity() };
    }

    /// <summary>Document ids, best first: a disjunction of the question's analyzed terms.</summary>
    public List<string> Search(string question, int top)
    {
        var query = new BooleanQuery();
        using (var stream = analyzer.GetTokenStream("body", question))
        {
            var term = stream.AddAttribute<ICharTermAttribute>();
            stream.Reset();
            while (stream.IncrementToken()) query.Add(new TermQuery(new Term("body", term.ToString())), Occur.SHOULD);
            stream.End();
        }

        if (query.Clauses.Count == 0) return [];
        var hits = searcher!.Search(query, top).ScoreDocs;
        return hits.Select(h => searcher.Doc(h.Doc).Get("id")).ToList();
    }

    public void Dispose()
    {
        reader?.Dispose();
        directory.Dispose();
        analyzer.Dispose();
    }
}
