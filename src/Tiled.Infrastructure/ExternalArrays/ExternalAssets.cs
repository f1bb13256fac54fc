using Tiled.Application.Abstractions;
using Tiled.Domain.DataSources;

namespace Tiled.Infrastructure.ExternalArrays;

/// <summary>Picks the assets a format reads: the single file (or directory), or the ordered sequence.</summary>
internal static class ExternalAssets
{
    /// <summary>The only asset, or the only one with parameter <c>data_uri</c>.</summary>
    public static Asset Single(DataSource source)
    {
        var assets = source.Assets.Count == 1 ? source.Assets : [.. source.Assets.Where(a => a.Parameter == "data_uri")];
        return assets.Count == 1
            ? assets[0]
            : throw ExternalDataException.Invalid(
                $"A '{source.Mimetype}' data source needs exactly one asset (parameter 'data_uri'); it has {source.Assets.Count}.");
    }

    /// <summary>The assets of a sequence, ordered by <see cref="Asset.Num"/> (a single asset may have none).</summary>
    public static IReadOnlyList<Asset> Sequence(DataSource source)
    {
        var assets = source.Assets;
        if (assets.Count == 0)
        {
            throw ExternalDataException.Invalid($"A '{source.Mimetype}' data source needs at least one asset.");
        }

        if (assets.Count == 1)
        {
            return assets;
        }

        if (assets.Any(a => a.Num is null) || assets.Select(a => a.Num).Distinct().Count() != assets.Count)
        {
            throw ExternalDataException.Invalid(
                $"Each asset of a '{source.Mimetype}' data source needs a distinct 'num' giving its position in the sequence.");
        }

        return [.. assets.OrderBy(a => a.Num)];
    }
}
