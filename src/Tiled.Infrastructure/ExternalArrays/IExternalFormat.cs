using Tiled.Domain.Arrays;
using Tiled.Domain.DataSources;

namespace Tiled.Infrastructure.ExternalArrays;

/// <summary>One file format behind <see cref="ExternalArrayReader"/> (the same contract as <see cref="Application.Abstractions.IExternalArrayReader"/>).</summary>
internal interface IExternalFormat
{
    Task<ArrayStructure> InspectAsync(DataSource source, CancellationToken ct);

    Task<byte[]> ReadBoxAsync(DataSource source, ArrayStructure structure, long[] start, long[] count, CancellationToken ct);
}
