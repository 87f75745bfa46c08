using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace CommunitySafety.Hosting;

static class ErrorResponses
{
    public static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    public static async Task ApiExceptionAsync(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var (status, title) = error switch
        {
            BadHttpRequestException bad => (bad.StatusCode, "The request could not be read."),
            System.Text.Json.JsonException => (StatusCodes.Status400BadRequest, "The request body is not valid JSON."),
            _ => (StatusCodes.Status500InternalServerError, "Sorry, there is a problem with the service."),
        };
        context.Response.StatusCode = status;
        await context.Response.WriteAsJsonAsync(new ProblemDetails
        {
            Status = status,
            Title = title,
            Detail = status == 500 ? $"Quote reference {context.TraceIdentifier} if you contact support." : error?.Message,
        }, options: null, contentType: "application/problem+json");
    }
}
