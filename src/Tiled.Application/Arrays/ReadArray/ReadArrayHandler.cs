using MediatR;
using Tiled.Application.Abstractions;
using Tiled.Application.Common.Errors;
using Tiled.Domain.Arrays;
using Tiled.Domain.DataSources;

namespace Tiled.Application.Arrays.ReadArray;

internal sealed class ReadArrayHandler(INodeCatalog catalog, ArrayBoxReader reader, TimeProvider clock) : IRequestHandler<ReadArrayQuery, ArrayData>
{
    public async Task<ArrayData> Handle(ReadArrayQuery request, CancellationToken cancellationToken)
    {
        var target = await ArrayTarget.LoadAsync(catalog, request.Path, "array read", cancellationToken);
        try
        {
            return await ReadAsync(target, request, cancellationToken);
        }
        catch (ExternalDataException e) when (e.ErrorCode == ExternalDataException.InvalidExternalData)
        {
            // The data source may have been replaced while this read used the old one: read again the
            // catalog's current view, so a read that races a replacement gets the old or the new array.
            var current = await ArrayTarget.LoadAsync(catalog, request.Path, "array read", cancellationToken);
            if (DataSourceJson.ToJson(current.Source).ToJsonString() != DataSourceJson.ToJson(target.Source).ToJsonString())
            {
                return await ReadAsync(current, request, cancellationToken);
            }

            if (await reader.LastModifiedAsync(current, cancellationToken) is { } changed
                && clock.GetUtcNow() - changed < ArrayDataChangingException.RecentChange)
            {
                throw new ArrayDataChangingException(
                    $"The files of /{request.Path} changed moments ago and do not match its structure yet ({e.Message}). Retry shortly.");
            }

            throw;
        }
    }

    private async Task<ArrayData> ReadAsync(ArrayTarget target, ReadArrayQuery request, CancellationToken cancellationToken)
    {
        var structure = target.Structure;
        var (origin, extent) = request.Block is null
            ? (new long[structure.Rank], structure.Shape)
            : ChunkGrid.Block(structure.Chunks, request.Block);
        var slice = ArraySlice.Parse(request.Slice).Resolve(extent);

        if (request.ExpectedShape is { } expected && !expected.SequenceEqual(slice.ResultShape))
        {
            throw new InvalidRequestException(
                $"The expected shape ({string.Join(',', expected)}) does not match the shape of the result ({string.Join(',', slice.ResultShape)}).");
        }

        var itemSize = structure.DataType.ItemSize;
        var bytes = slice.ResultShape.Aggregate(1L, (a, b) => a * b) * itemSize;
        if (bytes > ReadArrayQuery.MaxResponseBytes)
        {
            throw new InvalidRequestException(
                $"Response would exceed {ReadArrayQuery.MaxResponseBytes} bytes. Use slicing ('?slice=...') to request smaller chunks.");
        }

        if (slice.BoxCount.Any(c => c == 0))
        {
            return new ArrayData([], structure.DataType, slice.ResultShape);
        }

        var boxStart = slice.BoxStart.Select((s, d) => s + origin[d]).ToArray();
        if (request.AllowFile && slice.IsWholeBox
            && await reader.TryOpenFileAsync(target, boxStart, slice.BoxCount, cancellationToken) is { } file)
        {
            return new ArrayData([], structure.DataType, slice.ResultShape) { File = file };
        }

        var box = await reader.ReadAsync(target, boxStart, slice.BoxCount, cancellationToken);
        var data = slice.IsWholeBox ? box : slice.Select(box, itemSize);
        return new ArrayData(data, structure.DataType, slice.ResultShape);
    }
}
