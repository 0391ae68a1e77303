using Bot.Retrieval.Search;

namespace Bot.Retrieval.Answering;

/// <summary>Writes an answer from retrieved passages: extractive by default, an LLM when one is configured.</summary>
public interface IAnswerer
{
    Task<Answer> AnswerAsync(SearchResult search, CancellationToken cancellationToken = default);
}
