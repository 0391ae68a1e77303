using Bot.Retrieval.Search;

namespace Bot.Retrieval.Answering;

/// <summary>
/// An answer with its numbered citations. When <see cref="Found"/> is false the documents hold no answer: the text is
/// empty and the host shows its fixed "not found" message; nothing is guessed. <see cref="ShortAnswer"/>, when there is
/// one, is the span of the text that answers the question word (a number with its unit, a date, a person), shown first.
/// <see cref="Nearest"/>, on a "not found" only, is the sentence that came closest, shown under the message as that and
/// no more.
/// </summary>
public sealed record Answer(bool Found, string Text, IReadOnlyList<Citation> Citations, SearchResult Search, string? ShortAnswer = null,
    NearestPassage? Nearest = null)
{
    public static Answer NotFound(SearchResult search) => new(false, "", [], search);
}

/// <summary>The sentence that came closest to answering a question the documents were judged not to answer, and its source.</summary>
public sealed record NearestPassage(string Text, Citation Citation);
