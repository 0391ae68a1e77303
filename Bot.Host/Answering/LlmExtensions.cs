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
    /// The answerer the configuration asks for. With an LLM configured (Answering:Provider), the chat client and the LLM
    /// answerer (the extractive one its fallback) are registered as the <see cref="IAnswerer"/> and the
    /// <see cref="IStreamingAnswerer"/>; without one neither exists, and <c>AddRetrieval</c>'s extractive answerer
    /// answers. Registered before <c>AddRetrieval</c>, whose defaults give way to what is registered here.
    /// </summary>
    public static IServiceCollection AddAnswering(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<QuestionTranslator>();
        var answering = configuration.GetSection(AnsweringOptions.SectionName).Get<AnsweringOptions>() ?? new AnsweringOptions();
        if (!answering.UsesLlm) return services;
        services.AddSingleton<IChatCompletionService>(sp => CreateChat(sp.GetRequiredService<IOptions<AnsweringOptions>>().Value));
        services.AddSingleton<LlmAnswerer>();
        services.AddSingleton<IAnswerer>(sp => sp.GetRequiredService<LlmAnswerer>());
        services.AddSingleton<IStreamingAnswerer>(sp => sp.GetRequiredService<LlmAnswerer>());
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
