using System.ComponentModel.DataAnnotations;

namespace Bot.Retrieval.Text;

/// <summary>Switches for each analysis step, so that what each one buys can be measured with `eval`.</summary>
public sealed record AnalyzerOptions
{
    public const string SectionName = "Analysis";

    public bool Transliterate { get; init; } = true;
    public bool Fold { get; init; } = true;
    public bool StopWords { get; init; } = true;
    public bool Stem { get; init; } = true;
    [Range(1, 20)]
    public int MinStemLength { get; init; } = 3;

    /// <summary>Stems longer than this are cut to it (0: never). Prefix truncation conflates derived forms the stemmer leaves apart.</summary>
    [Range(0, 50)]
    public int MaxStemLength { get; init; } = 5;

    /// <summary>The layered stemmer checks its readings of a word against the Hunspell Kazakh word list (басында → бас, not ба).</summary>
    public bool Lexicon { get; init; } = true;

    /// <summary>Layered (our morphotactic stemmer) or SuffixList (the Elasticsearch plugin's list, stripped recursively).</summary>
    public StemmerKind Stemmer { get; init; } = StemmerKind.Layered;

    /// <summary>A short fingerprint stored in the index, so that changing analysis rebuilds the lexical side.</summary>
    public string Fingerprint =>
        $"kk-analyzer-v7;t{(Transliterate ? 1 : 0)}f{(Fold ? 1 : 0)}s{(StopWords ? 1 : 0)}m{(Stem ? Stemmer + (Lexicon ? "+lex" : "") + MinStemLength + "x" + MaxStemLength : "0")}";
}

public enum StemmerKind
{
    Layered,
    SuffixList,
}
