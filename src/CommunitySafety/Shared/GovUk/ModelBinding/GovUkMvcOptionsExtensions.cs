using Microsoft.AspNetCore.Mvc;

namespace CommunitySafety.Shared.GovUk;

public static class GovUkMvcOptionsExtensions
{
    /// <summary>
    /// Binds every DateOnly / DateOnly? from a GOV.UK date input:
    /// <c>builder.Services.AddRazorPages(o => { }).AddMvcOptions(o => o.AddGovUkDateInputBinding());</c>
    /// </summary>
    public static MvcOptions AddGovUkDateInputBinding(this MvcOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ModelBinderProviders.Insert(0, new DateInputModelBinderProvider());
        return options;
    }
}
