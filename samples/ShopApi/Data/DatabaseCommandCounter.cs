using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ShopApi.Data;

/// <summary>
/// Counts the commands the app sends to the database (EF Core creates one per execution): the figure the cache exists
/// to reduce, reported on <c>/cache/stats</c> so the load generator can compute the queries saved.
/// </summary>
public sealed class DatabaseCommandCounter : DbCommandInterceptor
{
    private long _count;

    /// <summary>Commands sent since the app started.</summary>
    public long Count => Interlocked.Read(ref _count);

    public override DbCommand CommandCreated(CommandEndEventData eventData, DbCommand result)
    {
        Interlocked.Increment(ref _count);
        return result;
    }
}
