using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Tiled.Infrastructure.Persistence.Configurations;

/// <summary>The few column types that differ between PostgreSQL and SQLite.</summary>
internal static class ColumnTypes
{
    /// <summary>JSON text: <c>jsonb</c> on PostgreSQL, plain TEXT on SQLite.</summary>
    public static PropertyBuilder<T> IsJson<T>(this PropertyBuilder<T> property, bool postgres) =>
        postgres ? property.HasColumnType("jsonb") : property;

    /// <summary>
    /// Byte-order comparison, so that the subtree range [p + "/", p + "0") holds exactly the
    /// descendants of p. SQLite's default BINARY collation already is; PostgreSQL needs "C".
    /// </summary>
    public static PropertyBuilder<string> IsPath(this PropertyBuilder<string> property, bool postgres) =>
        postgres ? property.UseCollation("C") : property;
}
