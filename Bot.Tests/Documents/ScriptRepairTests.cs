using Bot.Retrieval.Documents.Cleaning;

namespace Bot.Tests.Documents;

public sealed class ScriptRepairTests
{
    [Fact]
    public void RepairMixedScript_LatinLettersInsideCyrillicWords_BecomeCyrillic() =>
        Assert.Equal("өнімдердің бірінші", ScriptRepair.RepairMixedScript("өнiмдердiң бiрiншi"));

    [Fact]
    public void RepairMixedScript_RomanNumeralWithCyrillicLetters_BecomesLatin() =>
        Assert.Equal("XIV съезінде, VII ғасыр", ScriptRepair.RepairMixedScript("ХІV съезінде, VІІ ғасыр"));

    [Fact]
    public void RepairMixedScript_LatinWords_StayLatin() =>
        Assert.Equal("Chevron компаниясы және IT", ScriptRepair.RepairMixedScript("Chevron компаниясы және IT"));

    [Fact]
    public void CleanCharacters_RemovesInvisiblesAndBidi_AndMakesSpacesPlain()
    {
        var dirty = "Ақ\u00ADорда\u00A0және\u202Eбас\u200Bшы¬сы\tбар";
        Assert.Equal("Ақорда жәнебасшысы бар", ScriptRepair.CleanCharacters(dirty));
    }

    [Fact]
    public void CleanCharacters_Nfd_BecomesNfc()
    {
        var nfd = "Әкім".Normalize(System.Text.NormalizationForm.FormD);
        Assert.Equal("Әкім", ScriptRepair.CleanCharacters(nfd));
    }

    [Fact]
    public void Repair_TheSeed_LeavesNoMixedScriptWord()
    {
        var raw = File.ReadAllText(Support.Repo.SeedDocument);
        int Mixed(string text) => text.Split(' ', '\n').Count(w => w.Any(ScriptRepair.IsCyrillic) && w.Any(c => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z'));
        Assert.True(Mixed(raw) >= 100, "the seed is known to hold about 107 mixed-script words");
        Assert.Equal(0, Mixed(ScriptRepair.Repair(raw)));
    }
}
