using Bot.Host.Answering;
using Bot.Retrieval.Answering;
using Bot.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace Bot.Tests.Answering;

/// <summary>
/// An LLM that fails every request is left alone for a while: after three failures in a row the answers are extractive
/// at once, without asking it, and after the break one question tries it again. On a fake clock.
/// </summary>
public sealed class LlmCircuitBreakerTests(SeedPipelineFixture fixture) : IClassFixture<SeedPipelineFixture>
{
    private sealed class Down : IChatCompletionService
    {
        public int Requests;
        public bool Up;

        public IReadOnlyDictionary<string, object?> Attributes { get; } = new Dictionary<string, object?>();

        public Task<IReadOnlyList<ChatMessageContent>> GetChatMessageContentsAsync(ChatHistory chatHistory, PromptExecutionSettings? executionSettings = null,
            Kernel? kernel = null, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Requests);
            if (!Up) throw new HttpOperationException(System.Net.HttpStatusCode.ServiceUnavailable, "", "503 Service Unavailable", null);
            return Task.FromResult<IReadOnlyList<ChatMessageContent>>([new ChatMessageContent(AuthorRole.Assistant, "Түрксіб темір жолының жалпы ұзындығы 1445 километр [1].")]);
        }

        public IAsyncEnumerable<StreamingChatMessageContent> GetStreamingChatMessageContentsAsync(ChatHistory chatHistory, PromptExecutionSettings? executionSettings = null,
            Kernel? kernel = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }

    [Fact]
    public async Task ThreeFailuresInARow_LeaveTheLlmAloneForThirtySeconds_AndTheAnswersStayExtractive()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
        var chat = new Down();
        var options = Microsoft.Extensions.Options.Options.Create(new AnsweringOptions { Provider = AnsweringProvider.OpenAI, Model = "m", TimeoutSeconds = 5 });
        var llm = new LlmAnswerer(chat, new ExtractiveAnswerer(Bot.Retrieval.Text.KazakhAnalyzer.Default), options, NullLogger<LlmAnswerer>.Instance, clock);
        var search = await fixture.Pipeline.Retriever.SearchAsync("Түрксіб темір жолының жалпы ұзындығы қанша?");

        for (int i = 0; i < 3; i++)
        {
            var answer = await llm.AnswerAsync(search);
            Assert.Contains("1445", answer.Text); // the extractive answer, each time
        }

        Assert.Equal(3, chat.Requests);
        for (int i = 0; i < 5; i++) Assert.Contains("1445", (await llm.AnswerAsync(search)).Text);
        Assert.Equal(3, chat.Requests); // left alone: answered at once, without a request

        chat.Up = true;
        clock.Advance(LlmAnswerer.BreakFor - TimeSpan.FromSeconds(1));
        await llm.AnswerAsync(search);
        Assert.Equal(3, chat.Requests);
        clock.Advance(TimeSpan.FromSeconds(1));
        var recovered = await llm.AnswerAsync(search); // the break is over: one question tries it, and it answers
        Assert.Equal(4, chat.Requests);
        Assert.Equal("Түрксіб темір жолының жалпы ұзындығы 1445 километр [1].", recovered.Text);
        await llm.AnswerAsync(search);
        Assert.Equal(5, chat.Requests);
    }
}
