using Bot.Retrieval.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace Bot.Bench.Lucene;

/// <summary>Our Kazakh analysis (repair, transliteration, fold, stop words, stemming) plugged into Lucene as an Analyzer.</summary>
public sealed class KazakhLuceneAnalyzer(KazakhAnalyzer analyzer) : Analyzer
{
    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader) =>
        new(new KazakhTokenizer(reader, analyzer));

    private sealed class KazakhTokenizer : Tokenizer
    {
        private readonly KazakhAnalyzer analyzer;
        private readonly ICharTermAttribute term;
        private List<string> terms = [];
        private int next;

        public KazakhTokenizer(TextReader input, KazakhAnalyzer analyzer) : base(input)
        {
            this.analyzer = analyzer;
            term = AddAttribute<ICharTermAttribute>();
        }

        public override bool IncrementToken()
        {
            ClearAttributes();
            if (next >= terms.Count) return false;
            term.SetEmpty().Append(terms[next++]);
            return true;
        }

        public override void Reset()
        {
            base.Reset();
            terms = analyzer.Terms(m_input.ReadToEnd());
            next = 0;
        }
    }
}
