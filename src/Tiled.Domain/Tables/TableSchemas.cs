using Tiled.Formats.Arrow;

namespace Tiled.Domain.Tables;

/// <summary>
/// Whether uploaded data fits a table: the same column names in the same order, each of the same
/// type (time zone included). Nullability and metadata may differ. An upload may carry one extra
/// <see cref="PandasIndexColumn"/>, which Tiled's Python client adds when it sends a DataFrame.
/// </summary>
public static class TableSchemas
{
    /// <summary>The column pandas writes an unnamed index to.</summary>
    public const string PandasIndexColumn = "__index_level_0__";

    /// <summary>
    /// For each field of <paramref name="expected"/>, the index of the same column in
    /// <paramref name="actual"/>; throws <see cref="SchemaMismatchException"/> naming the first
    /// difference. <paramref name="expectedName"/> says what <paramref name="expected"/> is
    /// ("the table's schema", "the stored partition").
    /// </summary>
    public static int[] Match(ArrowSchema expected, ArrowSchema actual, string expectedName)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        var indices = Enumerable.Range(0, actual.Fields.Count).ToList();
        if (expected.IndexOf(PandasIndexColumn) < 0 && actual.IndexOf(PandasIndexColumn) is var extra and >= 0)
        {
            indices.RemoveAt(extra);
        }

        var names = indices.Select(i => actual.Fields[i].Name).ToList();
        var wanted = expected.Fields.Select(f => f.Name).ToList();
        if (!names.SequenceEqual(wanted, StringComparer.Ordinal))
        {
            var missing = wanted.Except(names, StringComparer.Ordinal).ToList();
            var unexpected = names.Except(wanted, StringComparer.Ordinal).ToList();
            var what = missing.Count > 0 || unexpected.Count > 0
                ? string.Join("; ", new[]
                {
                    missing.Count > 0 ? $"missing {Quote(missing)}" : null,
                    unexpected.Count > 0 ? $"unexpected {Quote(unexpected)}" : null,
                }.OfType<string>())
                : "the order differs";
            throw new SchemaMismatchException(
                $"The uploaded columns [{string.Join(", ", names)}] do not match {expectedName} [{string.Join(", ", wanted)}]: {what}.");
        }

        for (var i = 0; i < wanted.Count; i++)
        {
            var got = actual.Fields[indices[i]].Type;
            if (got != expected.Fields[i].Type)
            {
                throw new SchemaMismatchException(
                    $"Column '{wanted[i]}' is {got} in the uploaded data but {expected.Fields[i].Type} in {expectedName}.");
            }
        }

        return [.. indices];
    }

    private static string Quote(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));
}
