using Bot.Retrieval.Search;

namespace Bot.Retrieval.Answering;

/// <summary>An answerer that can show its answer while it is being written; the final <see cref="Answer"/> is the checked one.</summary>
public interface IStreamingAnswerer : IAnswerer
{
    /// <param name="onPartial">Called with the text so far (unchecked, links already removed), as it grows.</param>
    Task<Answer> AnswerAsync(SearchResult search, Func<string, Task> onPartial, CancellationToken cancellationToken = default);
}
