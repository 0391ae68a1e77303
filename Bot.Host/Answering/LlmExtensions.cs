using System.ClientModel;
using System.ClientModel.Primitives;
using Bot.Retrieval.Answering;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.AzureOpenAI;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using OpenAI;

namespace Bot.Host.Answering;

public static class LlmExtensions
{
    /// <summary>
    /// The answerer the configuration asks for: extractive, or an LLM with the extractive one as its fallback. Registered
    /// before <c>AddRetrieval</c>, which adds the extractive answerer and takes this choice as the <see cref="IAnswerer"/>.
    /// </summary>
    public static IServiceCollection AddAnswering(this IServiceCollection services)
    {
        services.AddSingleton<IChatCompletionService>(sp => CreateChat(sp.GetRequiredService<IOptions<AnsweringOptions>>().Value));
        services.AddSingleton<LlmAnswerer>();
        services.AddSingleton<QuestionTranslator>();
        services.AddSingleton<IAnswerer>(sp => sp.GetRequiredService<IOptions<AnsweringOptions>>().Value.UsesLlm
            ? sp.GetRequiredService<LlmAnswerer>()
            : sp.GetRequiredService<ExtractiveAnswerer>());
        return services;
    }

    // Retries are ours to decide (a failed answer falls back at once), so the client's own are off; the request timeout
    // is enforced by the answerer, and the network timeout here is only a backstop.
    private static IChatCompletionService CreateChat(AnsweringOptions options)
    {
        var network = TimeSpan.FromSeconds(options.TimeoutSeconds + 5);
        if (options.Provider == AnsweringProvider.AzureOpenAI)
        {
            var http = new HttpClient { Timeout = network };
            return new AzureOpenAIChatCompletionService(options.Model!, options.Endpoint!, options.ApiKey!, options.Model, http);
        }

        var client = new OpenAIClient(new ApiKeyCredential(string.IsNullOrEmpty(options.ApiKey) ? "no-key" : options.ApiKey), new OpenAIClientOptions
        {
            Endpoint = new Uri(options.Endpoint ?? "https://api.openai.com/v1"),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = network,
        });
        return new OpenAIChatCompletionService(options.Model!, client);
    }
}
