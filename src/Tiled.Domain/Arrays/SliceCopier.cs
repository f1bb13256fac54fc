namespace Tiled.Domain.Arrays;

/// <summary>
/// Gathers a strided selection out of a C-order box. The trailing dimensions selected whole form
/// one contiguous run copied with <see cref="Span{T}.CopyTo"/>; an odometer walks the rest.
/// </summary>
internal sealed class SliceCopier
{
    private readonly DimSelection[] _dims;
    private readonly long[] _first;   // box-relative byte offset of each dimension's first selected index
    private readonly long[] _stride;  // byte step between selected indices, per dimension
    private readonly int _outer;      // dimensions walked by the odometer; the rest form the run
    private readonly int _run;        // bytes per contiguous run

    public SliceCopier(ResolvedSlice slice, int itemSize)
    {
        _dims = [.. slice.Dimensions];
        var rank = _dims.Length;
        _first = new long[rank];
        _stride = new long[rank];
        long boxStride = itemSize;
        for (var d = rank - 1; d >= 0; d--)
        {
            _first[d] = (_dims[d].Start - slice.BoxStart[d]) * boxStride;
            _stride[d] = _dims[d].Step * boxStride;
            boxStride *= slice.BoxCount[d];
        }

        long run = itemSize;
        _outer = rank;
        while (_outer > 0 && (_dims[_outer - 1].Step == 1 || _dims[_outer - 1].Count == 1))
        {
            _outer--;
            run *= _dims[_outer].Count;
        }

        _run = checked((int)run);
    }

    public byte[] Copy(ReadOnlySpan<byte> box)
    {
        var output = new byte[checked((int)_dims.Take(_outer).Aggregate((long)_run, (bytes, d) => bytes * d.Count))];
        var index = new long[_outer];
        var source = _first.Sum();
        for (var target = 0; target < output.Length; target += _run)
        {
            box.Slice(checked((int)source), _run).CopyTo(output.AsSpan(target, _run));
            for (var d = _outer - 1; d >= 0; d--)
            {
                if (++index[d] < _dims[d].Count)
                {
                    source += _stride[d];
                    break;
                }

                source -= _stride[d] * (_dims[d].Count - 1);
                index[d] = 0;
            }
        }

        return output;
    }
}
