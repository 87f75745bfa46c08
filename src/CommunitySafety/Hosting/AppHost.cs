using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features;
using CommunitySafety.Features.Accounts;
using CommunitySafety.Features.Demo;
using CommunitySafety.Security;
using CommunitySafety.Shared.GovUk;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.Extensions.Options;

namespace CommunitySafety.Hosting;

/// <summary>Builds the web app: services, security baseline and the request pipeline.</summary>
public static class AppHost
{
    public const string ServiceName = "Community Safety Partnership";

    /// <summary>Largest request body unless an endpoint raises it with <c>[RequestSizeLimit]</c>/<c>WithRequestSizeLimit</c> (SEC-UP-01).</summary>
    public const long MaxRequestBodyBytes = 1_048_576;

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = ContentRoot(),
        });
        builder.WebHost.UseStaticWebAssets();
        configure?.Invoke(builder);
        ConfigureServices(builder);
        var app = builder.Build();
        ConfigurePipeline(app);
        return app;
    }

    /// <summary>Where this app keeps its local state, said at start so nobody has to guess (bin/.../data outside the checkout).</summary>
    public static string DataFolderSentence(IServiceProvider services)
    {
        var options = services.GetRequiredService<DatabaseOptions>();
        var folder = options.DataFolderPath(services.GetRequiredService<IWebHostEnvironment>().ContentRootPath);
        return $"Data folder: {folder} (set Database:DataFolder to keep the data elsewhere)";
    }

    // Running from source (`dotnet run`) the content root is the project; from a published folder, that folder.
    static string ContentRoot()
    {
        var cwd = Directory.GetCurrentDirectory();
        if (File.Exists(Path.Combine(cwd, "CommunitySafety.csproj")) || Directory.Exists(Path.Combine(cwd, "wwwroot")))
        {
            return cwd;
        }
        var project = Path.Combine(cwd, "src", "CommunitySafety");
        return File.Exists(Path.Combine(project, "CommunitySafety.csproj")) ? project : AppContext.BaseDirectory;
    }

    static void ConfigureServices(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var config = builder.Configuration;
        services.Configure<SecurityOptions>(config.GetSection(SecurityOptions.Section));
        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddAppData(config, builder.Environment);
        services.AddHostedService<DatabaseStartup>();
        services.AddSingleton<AppInstance>();
        services.AddScoped<JobLeases>();
        services.AddScoped<AuditLog>();
        services.AddScoped<ExportLimits>();
        services.AddSingleton<BulkAccessMonitor>();
        services.AddScoped<SessionRevoker>();
        services.AddScoped<DemoSeeder>();

        var dataFolder = (config.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new()).DataFolderPath(builder.Environment.ContentRootPath);
        // Keys outside wwwroot and shared by every instance on the same store (SEC-DPK-01, ADR 0009): in the database
        // unless an operator names a key folder, and encrypted at rest with a certificate when one is configured.
        var protection = services.AddDataProtection().SetApplicationName("community-safety-platform");
        if (config["DataProtection:KeyFolder"] is { Length: > 0 } keyFolder)
        {
            protection.PersistKeysToFileSystem(new DirectoryInfo(Path.GetFullPath(Path.Combine(dataFolder, keyFolder))));
        }
        else
        {
            protection.PersistKeysToDbContext<AppDb>();
        }
        if (config["DataProtection:CertificatePath"] is { Length: > 0 } certificate)
        {
            protection.ProtectKeysWithCertificate(System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(
                certificate, config["DataProtection:CertificatePassword"]));
        }

        services.AddIdentity<AppUser, IdentityRole<Guid>>(o =>
            {
                o.Password.RequiredLength = CommonPasswordValidator.MinimumLength;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<AppDb>()
            .AddDefaultTokenProviders()
            // Replaces Identity's authenticator provider (same name): each code is accepted once (ASVS 5.0 6.5.1).
            .AddTokenProvider<SingleUseAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider)
            .AddClaimsPrincipalFactory<AppClaimsFactory>()
            .AddPasswordValidator<CommonPasswordValidator>();

        services.AddSingleton<DbTicketStore>();
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<DbTicketStore, IOptions<SecurityOptions>>((o, store, security) =>
            {
                o.SessionStore = store;
                o.Cookie.Name = "__Host-csp-session";
                o.Cookie.HttpOnly = true;
                o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.Path = "/";
                o.SlidingExpiration = false;
                o.ExpireTimeSpan = TimeSpan.FromHours(security.Value.AbsoluteTimeoutHours);
                o.LoginPath = "/account/sign-in";
                o.LogoutPath = "/account/sign-out";
                o.AccessDeniedPath = "/error/403";
                o.Events.OnRedirectToLogin = ctx => ApiAwareRedirect(ctx, StatusCodes.Status401Unauthorized);
                // Refusals answer 403 where they happen (pages get the GOV.UK permission page from the status code pages).
                o.Events.OnRedirectToAccessDenied = ctx =>
                {
                    ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            });
        services.ConfigureExternalCookie(o => { o.Cookie.SecurePolicy = CookieSecurePolicy.Always; o.Cookie.SameSite = SameSiteMode.Strict; });
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, o =>
        {
            o.Cookie.Name = "__Host-csp-2fa";
            o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.Path = "/";
            o.ExpireTimeSpan = TimeSpan.FromMinutes(5);
        });
        // A disabled user or changed roles take effect within a minute even without a revocation (SEC-SESS-03).
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.FromMinutes(1);
            // The check rebuilds the claims from the database, where the second-factor marker (amr=mfa) is not
            // stored: carry it over, or a two-factor session is sent back to set-up a minute after signing in.
            o.OnRefreshingPrincipal = ctx =>
            {
                if (ctx.NewPrincipal?.Identity is ClaimsIdentity identity && ctx.CurrentPrincipal is { } current)
                {
                    foreach (var amr in current.FindAll("amr").Where(c => !identity.HasClaim("amr", c.Value)).ToList())
                    {
                        identity.AddClaim(new Claim("amr", amr.Value));
                    }
                }
                return Task.CompletedTask;
            };
        });

        services.AddAuthorization(Policies.Configure);
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "__Host-csp-af";
            o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.HeaderName = "X-CSRF-TOKEN";
        });

        services.AddRateLimiter(o =>
        {
            // The default rejection is 503; clients and tests expect 429 with Retry-After (SEC-RL-01).
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (ctx, _) =>
            {
                ctx.HttpContext.Response.Headers.RetryAfter = "60";
                return ValueTask.CompletedTask;
            };
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(ctx =>
            {
                if (HttpMethods.IsPost(ctx.Request.Method) && ctx.Request.Path.StartsWithSegments("/account", StringComparison.OrdinalIgnoreCase) &&
                    (ctx.Request.Path.Value ?? "").Contains("sign-in", StringComparison.OrdinalIgnoreCase) ||
                    HttpMethods.IsPost(ctx.Request.Method) && ctx.Request.Path.StartsWithSegments("/account/two-factor", StringComparison.OrdinalIgnoreCase))
                {
                    var limit = ctx.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value.SignInAttemptsPerMinute;
                    var ip = ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                    return RateLimitPartition.GetFixedWindowLimiter("sign-in:" + ip, _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = limit,
                        Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                    });
                }
                return RateLimitPartition.GetNoLimiter("none");
            });
        });

        services.AddRazorPages(o =>
            {
                o.RootDirectory = "/";
                // Antiforgery on every form post.
                o.Conventions.ConfigureFilter(new AutoValidateAntiforgeryTokenAttribute());
            })
            .AddMvcOptions(o =>
            {
                o.MaxModelValidationErrors = 50;
                o.AddGovUkDateInputBinding();
            });
        services.Configure<RazorViewEngineOptions>(o =>
        {
            o.PageViewLocationFormats.Add("/Shared/Layout/{0}" + RazorViewEngine.ViewExtension);
            o.ViewLocationFormats.Add("/Shared/Layout/{0}" + RazorViewEngine.ViewExtension);
        });
        services.AddRouting(o => o.LowercaseUrls = true);
        services.AddProblemDetails();
        services.AddHealthChecks();
        services.Configure<ForwardedHeadersOptions>(o => o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = true;
        });
        // Request bodies: 1 MB unless an endpoint (the data import) raises it (SEC-UP-01).
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MaxRequestBodyBytes);

        FeatureRegistry.AddFeatures(services, config);
    }

    static Task ApiAwareRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        // The cookie handler builds an absolute URI from the request's scheme, which LoopbackIsSecure sets to https
        // for plain-HTTP loopback (`dotnet run`): https://127.0.0.1:5080/... fails in the browser. Stay on this origin.
        ctx.Response.Redirect(Uri.TryCreate(ctx.RedirectUri, UriKind.Absolute, out var absolute) ? absolute.PathAndQuery : ctx.RedirectUri);
        return Task.CompletedTask;
    }

    static void ConfigurePipeline(WebApplication app)
    {
        var culture = new CultureInfo("en-GB");
        CultureInfo.DefaultThreadCurrentCulture = culture;
        CultureInfo.DefaultThreadCurrentUICulture = culture;

        app.UseForwardedHeaders();
        app.UseMiddleware<LoopbackIsSecure>();
        app.UseMiddleware<SecurityHeaders>();
        // The API answers with problem details, pages with the GOV.UK error pages; never a stack trace.
        app.UseWhen(ErrorResponses.IsApi, a => a.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = ErrorResponses.ApiExceptionAsync }));
        app.UseWhen(c => !ErrorResponses.IsApi(c), a => a.UseExceptionHandler("/error"));
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }
        app.UseWhen(ErrorResponses.IsApi, a => a.UseStatusCodePages());
        app.UseWhen(c => !ErrorResponses.IsApi(c), a => a.UseStatusCodePagesWithReExecute("/error/{0}"));
        // Styles, scripts and images are the same for everyone and hold no personal data, so unlike pages (no-store)
        // the browser keeps them and checks back each time: an unchanged file costs a 304, not a download. Their
        // URLs carry no version, so a long max-age would keep serving an old file after an upgrade.
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "no-cache",
        });
        app.UseRouting();
        app.UseMiddleware<RequestSizeLimit>();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseMiddleware<TwoFactorEnforcement>();
        app.UseAuthorization();
        app.UseMiddleware<AccessRefusals>();

        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapRazorPages();
        var api = app.MapGroup("/api").RequireAuthorization();
        FeatureRegistry.MapFeatures(app, api);
    }
}
