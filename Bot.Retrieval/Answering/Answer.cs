using Bot.Retrieval.Search;

namespace Bot.Retrieval.Answering;

/// <summary>
/// An answer with its numbered citations. When <see cref="Found"/> is false the documents hold no answer: the text is
/// empty and the host shows its fixed "not found" message; nothing is guessed.
/// </summary>
public sealed record Answer(bool Found, string Text, IReadOnlyList<Citation> Citations, SearchResult Search)
{
    public static Answer NotFound(SearchResult search) => new(false, "", [], search);
}
