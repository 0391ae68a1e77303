using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Bot.Retrieval;

/// <summary>Data-annotation validation for option records that are read once at start, with messages naming the key.</summary>
internal static class OptionsValidation
{
    public static void Validate<T>(T options, string section) where T : notnull
    {
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true)) return;
        throw new OptionsValidationException(section, typeof(T),
            results.Select(r => $"{section}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}"));
    }
}
