using Microsoft.Extensions.Options;

namespace Bot.Host.Feedback;

public static class FeedbackExtensions
{
    /// <summary>
    /// The feedback store, opened when first needed (a verb that never asks never creates the file); a
    /// <see cref="Lazy{T}"/> of it for the command line, whose verbs mostly never need it.
    /// </summary>
    public static IServiceCollection AddFeedback(this IServiceCollection services)
    {
        services.AddOptions<FeedbackOptions>().BindConfiguration(FeedbackOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<FeedbackOptions>>().Value;
            return new FeedbackStore(options.Path, sp.GetRequiredService<TimeProvider>(), options.RetentionDays);
        });
        services.AddSingleton(sp => new Lazy<FeedbackStore>(sp.GetRequiredService<FeedbackStore>));
        return services;
    }
}
