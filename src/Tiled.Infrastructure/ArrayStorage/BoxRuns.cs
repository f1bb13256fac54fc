namespace Tiled.Infrastructure.ArrayStorage;

/// <summary>
/// Walks an n-dimensional box copied between two C-order layouts as contiguous runs: trailing
/// dimensions that both layouts cover completely merge into one run, so a whole-buffer copy is a
/// single run. Offsets are in bytes from the start of each layout. The box must not be empty.
/// </summary>
internal sealed class BoxRuns
{
    private readonly long[] _count;
    private readonly long[] _sourceStrides;
    private readonly long[] _destinationStrides;
    private readonly long _sourceBase;
    private readonly long _destinationBase;
    private readonly long[] _index;
    private bool _started;

    public BoxRuns(long[] sourceShape, long[] sourceStart, long[] destinationShape, long[] destinationStart, long[] count, int itemSize)
    {
        var outer = count.Length - 1;
        var run = count.Length == 0 ? itemSize : count[outer] * itemSize;
        while (outer > 0 && count[outer] == sourceShape[outer] && count[outer] == destinationShape[outer])
        {
            outer--;
            run *= count[outer];
        }

        _count = count;
        _sourceStrides = Strides(sourceShape, itemSize);
        _destinationStrides = Strides(destinationShape, itemSize);
        _sourceBase = Dot(sourceStart, _sourceStrides);
        _destinationBase = Dot(destinationStart, _destinationStrides);
        _index = new long[Math.Max(outer, 0)];
        RunLength = checked((int)run);
    }

    /// <summary>Bytes in each run.</summary>
    public int RunLength { get; }

    /// <summary>Bytes between consecutive runs in the source (0 when the whole box is one run).</summary>
    public long SourceRunStride => _index.Length == 0 ? 0 : _sourceStrides[_index.Length - 1];

    /// <summary>Advances to the next run; false when every run has been visited.</summary>
    public bool MoveNext(out long sourceOffset, out long destinationOffset)
    {
        if (_started && !Increment())
        {
            sourceOffset = destinationOffset = 0;
            return false;
        }

        _started = true;
        sourceOffset = _sourceBase;
        destinationOffset = _destinationBase;
        for (var d = 0; d < _index.Length; d++)
        {
            sourceOffset += _index[d] * _sourceStrides[d];
            destinationOffset += _index[d] * _destinationStrides[d];
        }

        return true;
    }

    private bool Increment()
    {
        var carry = _index.Length - 1;
        while (carry >= 0 && _index[carry] == _count[carry] - 1)
        {
            _index[carry] = 0;
            carry--;
        }

        if (carry < 0)
        {
            return false;
        }

        _index[carry]++;
        return true;
    }

    private static long[] Strides(long[] shape, int itemSize)
    {
        var strides = new long[shape.Length];
        var stride = (long)itemSize;
        for (var d = shape.Length - 1; d >= 0; d--)
        {
            strides[d] = stride;
            stride = checked(stride * shape[d]);
        }

        return strides;
    }

    private static long Dot(long[] index, long[] strides)
    {
        var sum = 0L;
        for (var d = 0; d < index.Length; d++)
        {
            sum += index[d] * strides[d];
        }

        return sum;
    }
}
