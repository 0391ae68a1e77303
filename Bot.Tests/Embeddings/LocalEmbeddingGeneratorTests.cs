using System.Numerics.Tensors;
using Bot.Retrieval.Embeddings;
using Bot.Retrieval.Text;
using Microsoft.Extensions.AI;

namespace Bot.Tests.Embeddings;

public sealed class LocalEmbeddingGeneratorTests
{
    private readonly LocalEmbeddingGenerator generator = new(new KazakhAnalyzer());

    [Fact]
    public async Task Generate_UnitVectors_OfTheConfiguredSize()
    {
        var result = await generator.GenerateAsync(["Түрксіб темір жолы", "Балқаш зауыты мыс берді"]);
        Assert.Equal(2, result.Count);
        foreach (var e in result)
        {
            Assert.Equal(LocalEmbeddingGenerator.DefaultDimensions, e.Vector.Length);
            Assert.Equal(1f, TensorPrimitives.Norm(e.Vector.Span), 3);
        }
    }

    [Fact]
    public void Embed_SpellingVariantsAreCloserThanAnotherTopic()
    {
        var proper = generator.Embed("Түрксіб құрылысына қанша адам тартылды");
        var keyboard = generator.Embed("Турксиб курылысына канша адам тартылды");
        var latin = generator.Embed("Türksıb qūrylysyna qanşa adam tartyldy");
        var other = generator.Embed("Сүт цехының жабдығы сатып алынды");
        Assert.True(TensorPrimitives.Dot(proper, keyboard) > 0.99f);
        Assert.True(TensorPrimitives.Dot(proper, latin) > 0.99f);
        Assert.True(TensorPrimitives.Dot(proper, other) < 0.3f);
    }

    [Fact]
    public void Embed_InflectedFormsStayClose() =>
        Assert.True(TensorPrimitives.Dot(generator.Embed("темір жолдың құрылысы"), generator.Embed("темір жол құрылысында")) > 0.6f);

    [Fact]
    public void Metadata_NamesTheModel()
    {
        var metadata = generator.GetService<EmbeddingGeneratorMetadata>();
        Assert.Equal("kk-char-ngram-v1-384", metadata?.DefaultModelId);
    }
}
