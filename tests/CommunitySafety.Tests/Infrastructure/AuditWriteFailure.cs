using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CommunitySafety.Tests.Infrastructure;

/// <summary>
/// Makes the database refuse inserts into the audit trail, as a full disk or a lost connection would, while armed.
/// Registered in the app as a singleton <see cref="IInterceptor"/> (the app adds those to every context on either
/// provider), disarmed by default so start-up and seeding run as usual; a test arms it around the one write it checks.
/// </summary>
public sealed class AuditWriteFailure : DbCommandInterceptor
{
    volatile bool _armed;

    public int Refused { get; private set; }

    /// <summary>For <c>AppFactory.CreateAsync(db, pg, services: failure.Register)</c>.</summary>
    public void Register(IServiceCollection services) => services.AddSingleton<IInterceptor>(this);

    public Armed Arm()
    {
        _armed = true;
        return new Armed(this);
    }

    public readonly struct Armed(AuditWriteFailure failure) : IDisposable
    {
        public void Dispose() => failure._armed = false;
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Refuse(command);
        return base.ReaderExecuting(command, eventData, result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Refuse(command);
        return base.NonQueryExecuting(command, eventData, result);
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Refuse(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Refuse(command);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    void Refuse(DbCommand command)
    {
        if (_armed && (command.CommandText.Contains("INSERT INTO \"audit_events\"", StringComparison.OrdinalIgnoreCase) ||
            command.CommandText.Contains("INSERT INTO audit_events", StringComparison.OrdinalIgnoreCase)))
        {
            Refused++;
            throw new InvalidOperationException("simulated failure writing the audit trail");
        }
    }
}
