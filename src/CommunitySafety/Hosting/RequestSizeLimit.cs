using Microsoft.AspNetCore.Http.Metadata;

namespace CommunitySafety.Hosting;

/// <summary>
/// Refuses a declared oversized body with 413 before anything reads it (SEC-UP-01). Kestrel's own limit
/// surfaces only while the body is read, where model binding turns it into a 400, and other hosts
/// (IIS in-process, the test server) do not apply Kestrel's setting at all.
/// </summary>
public sealed class RequestSizeLimit(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is { } metadata
            ? metadata.MaxRequestBodySize
            : AppHost.MaxRequestBodyBytes;
        if (limit is not null && context.Request.ContentLength > limit)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return Task.CompletedTask;
        }
        return next(context);
    }
}
