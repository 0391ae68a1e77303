namespace Bot.Retrieval.Evaluation;

/// <summary>A mean, its bootstrap interval, and the share of resamples at or below zero (for a difference: how often the lead vanishes).</summary>
public sealed record BootstrapInterval(double Mean, double Low, double High, double ShareNotAboveZero);
