using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Linq.Expressions;
using System.Text.Encodings.Web;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using CommunitySafety.Shared.GovUk;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewEngines;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CommunitySafety.Tests.Shared;

public sealed class TestPage
{
    public TestInput Input { get; set; } = new();
}

public sealed class TestInput
{
    [Display(Name = "Email address")]
    public string? Email { get; set; }

    public string? Password { get; set; }

    [Display(Name = "Case details")]
    public string? Details { get; set; }

    public string? Area { get; set; }

    [Display(Name = "How should we contact you?")]
    public string? Contact { get; set; }

    public List<string> Topics { get; set; } = [];

    [Display(Name = "I agree to the terms")]
    public bool Agree { get; set; }

    [Display(Name = "Date of birth")]
    [PastDate]
    public DateOnly? DateOfBirth { get; set; }
}

/// <summary>Real MVC services (metadata, model expressions, binding, validation) without a web host.</summary>
internal static class Harness
{
    public const string Xss = "<script>alert(1)</script>";

    public static readonly IServiceProvider Services = BuildServices();

    private static ServiceProvider BuildServices()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(new System.Diagnostics.DiagnosticListener("tests"));
        services.AddMvc(o => o.AddGovUkDateInputBinding());
        return services.BuildServiceProvider();
    }

    public static ViewContext CreateViewContext(TestPage? model = null, ModelStateDictionary? modelState = null)
    {
        var httpContext = new DefaultHttpContext { RequestServices = Services };
        var actionContext = new ActionContext(httpContext, new RouteData(), new ActionDescriptor(), modelState ?? new ModelStateDictionary());
        var metadataProvider = Services.GetRequiredService<IModelMetadataProvider>();
        var viewData = new ViewDataDictionary<TestPage>(metadataProvider, actionContext.ModelState) { Model = model ?? new TestPage() };
        return new ViewContext(
            actionContext,
            new NullView(),
            viewData,
            new TempDataDictionary(httpContext, new NullTempDataProvider()),
            TextWriter.Null,
            new HtmlHelperOptions());
    }

    public static ModelExpression For<TValue>(ViewContext viewContext, Expression<Func<TestPage, TValue>> expression)
    {
        var provider = Services.GetRequiredService<IModelExpressionProvider>();
        return provider.CreateModelExpression((ViewDataDictionary<TestPage>)viewContext.ViewData, expression);
    }

    /// <summary>Runs a tag helper the way Razor does and returns the HTML it writes.</summary>
    public static async Task<string> RenderAsync(
        ITagHelper helper,
        string tagName,
        string? childHtml = null,
        TagHelperAttributeList? attributes = null,
        Func<IDictionary<object, object>, Task<string>>? children = null,
        IDictionary<object, object>? items = null)
    {
        items ??= new Dictionary<object, object>();
        var context = new TagHelperContext(tagName, new TagHelperAttributeList(), items, Guid.NewGuid().ToString("N"));
        var output = new TagHelperOutput(tagName, attributes ?? [], async (_, _) =>
        {
            var content = new DefaultTagHelperContent();
            content.SetHtmlContent(children is null ? childHtml ?? string.Empty : await children(items).ConfigureAwait(false));
            return content;
        });

        helper.Init(context);
        await helper.ProcessAsync(context, output);

        // As Razor's runner does: content the helper left alone is the element's own child content.
        if (!output.IsContentModified)
        {
            output.Content.SetHtmlContent(await output.GetChildContentAsync());
        }

        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        output.WriteTo(writer, HtmlEncoder.Default);
        return writer.ToString();
    }

    /// <summary>What Razor's <c>@value</c> produces: the text, HTML-encoded.</summary>
    public static string Encoded(string text) => HtmlEncoder.Default.Encode(text);

    public static IDocument Parse(string html) => new HtmlParser().ParseDocument("<!DOCTYPE html><html><body>" + html + "</body></html>");

    public static string Classes(IElement? element) => element?.GetAttribute("class") ?? string.Empty;

    /// <summary>Binds a posted form to <see cref="TestInput"/> under the "Input" prefix and validates it.</summary>
    public static async Task<(ModelStateDictionary ModelState, TestInput? Model)> BindAsync(Dictionary<string, string> form)
    {
        var httpContext = new DefaultHttpContext { RequestServices = Services };
        var actionContext = new ActionContext(httpContext, new RouteData(), new ActionDescriptor());
        var metadataProvider = Services.GetRequiredService<IModelMetadataProvider>();
        var factory = Services.GetRequiredService<IModelBinderFactory>();
        var parameterBinder = Services.GetRequiredService<ParameterBinder>();

        var metadata = metadataProvider.GetMetadataForType(typeof(TestInput));
        var bindingInfo = new BindingInfo { BinderModelName = "Input", BindingSource = BindingSource.Form };
        var binder = factory.CreateBinder(new ModelBinderFactoryContext { Metadata = metadata, BindingInfo = bindingInfo });
        var valueProvider = new FormValueProvider(
            BindingSource.Form,
            new FormCollection(form.ToDictionary(kv => kv.Key, kv => new Microsoft.Extensions.Primitives.StringValues(kv.Value))),
            CultureInfo.InvariantCulture);
        var parameter = new ParameterDescriptor { Name = "Input", ParameterType = typeof(TestInput), BindingInfo = bindingInfo };

        var result = await parameterBinder.BindModelAsync(actionContext, binder, valueProvider, parameter, metadata, value: null, container: null);
        return (actionContext.ModelState, result.Model as TestInput);
    }

    private sealed class NullView : IView
    {
        public string Path => "/Test.cshtml";

        public Task RenderAsync(ViewContext context) => Task.CompletedTask;
    }

    private sealed class NullTempDataProvider : ITempDataProvider
    {
        public IDictionary<string, object> LoadTempData(HttpContext context) => new Dictionary<string, object>();

        public void SaveTempData(HttpContext context, IDictionary<string, object> values)
        {
        }
    }
}
