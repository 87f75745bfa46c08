using System.ComponentModel.DataAnnotations;

namespace CommunitySafety.Shared.GovUk;

/// <summary>
/// The date must be before today ("Date of birth must be in the past"). Empty values pass; pair with
/// [Required] to make the date compulsory. Today comes from a registered <see cref="TimeProvider"/>
/// when there is one, otherwise the system clock (local date).
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter, AllowMultiple = false)]
public sealed class PastDateAttribute : ValidationAttribute
{
    public PastDateAttribute()
        : base("{0} must be in the past")
    {
    }

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        ArgumentNullException.ThrowIfNull(validationContext);

        if (value is null)
        {
            return ValidationResult.Success;
        }

        var clock = validationContext.GetService(typeof(TimeProvider)) as TimeProvider ?? TimeProvider.System;
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);

        var date = value switch
        {
            DateOnly d => d,
            DateTime dt => DateOnly.FromDateTime(dt),
            DateTimeOffset dto => DateOnly.FromDateTime(dto.DateTime),
            _ => throw new InvalidOperationException($"[PastDate] cannot be used on a {value.GetType().Name}."),
        };

        if (date < today)
        {
            return ValidationResult.Success;
        }

        var memberNames = validationContext.MemberName is null ? null : new[] { validationContext.MemberName };
        return new ValidationResult(FormatErrorMessage(validationContext.DisplayName), memberNames);
    }
}
