using System.Numerics;
using System.Text.Json.Nodes;
using Tiled.Application.Abstractions;
using Tiled.Domain.Arrays;
using Tiled.Domain.DataSources;
using Tiled.Infrastructure.ArrayStorage;

namespace Tiled.Infrastructure.ExternalArrays;

/// <summary>
/// <c>application/octet-stream</c>: a raw C-order binary file described by the data source's
/// parameters <c>{"dtype": "&lt;f4", "shape": [..], "offset": bytes}</c> (offset defaults to 0). The
/// file must hold at least offset + prod(shape) × itemsize bytes.
/// </summary>
internal sealed class RawBinaryFormat(ExternalPathPolicy policy) : IExternalFormat
{
    private static readonly string[] KnownParameters = ["dtype", "shape", "offset"];

    public Task<ArrayStructure> InspectAsync(DataSource source, CancellationToken ct) =>
        Task.FromResult(Open(source).Structure());

    public Task<byte[]> ReadBoxAsync(DataSource source, ArrayStructure structure, long[] start, long[] count, CancellationToken ct)
    {
        var array = Open(source);
        return Task.FromResult(array.ReadBox(structure, start, count, $"The raw file '{array.Path}'", ct));
    }

    private FlatArray Open(DataSource source)
    {
        var parameters = source.Parameters;
        if (parameters.Select(p => p.Key).FirstOrDefault(key => !KnownParameters.Contains(key)) is { } unknown)
        {
            throw ExternalDataException.Invalid(
                $"Raw binary data sources take the parameters dtype, shape and offset; '{unknown}' is not one of them.");
        }

        var dtype = parameters["dtype"] is JsonValue d && d.TryGetValue<string>(out var text)
            ? NumpyDType.Parse(text)
            : throw ExternalDataException.Invalid("A raw binary data source needs the parameter 'dtype', a numpy dtype string such as '<f4'.");
        var shape = JsonIntegers.NonNegativeList(parameters["shape"])
            ?? throw ExternalDataException.Invalid("A raw binary data source needs the parameter 'shape', a list of non-negative integers.");
        var offset = parameters["offset"] switch
        {
            null => 0L,
            var node when JsonIntegers.TryGet(node, out var n) && n >= 0 => n,
            _ => throw ExternalDataException.Invalid("The parameter 'offset' of a raw binary data source must be a non-negative integer."),
        };

        var path = policy.Resolve(ExternalAssets.Single(source).DataUri);
        var length = new FileInfo(path).Length;
        var needed = shape.Aggregate(new BigInteger(dtype.ItemSize), (product, n) => product * n) + offset;
        return needed <= length
            ? new FlatArray(path, dtype, shape, offset)
            : throw ExternalDataException.Invalid(
                $"The raw file '{path}' has {length} bytes; offset {offset} plus shape {ExternalBox.Format(shape)} of "
                + $"{dtype.ToNumpyString()} needs {needed}.");
    }
}
