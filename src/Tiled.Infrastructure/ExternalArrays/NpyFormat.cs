using Tiled.Domain.Arrays;
using Tiled.Domain.DataSources;

namespace Tiled.Infrastructure.ExternalArrays;

/// <summary><c>application/x-npy</c>: one .npy file (versions 1 to 3, C order, any byte order), read in place.</summary>
internal sealed class NpyFormat(ExternalPathPolicy policy) : IExternalFormat
{
    public Task<ArrayStructure> InspectAsync(DataSource source, CancellationToken ct) =>
        Task.FromResult(Open(source).Structure());

    public Task<byte[]> ReadBoxAsync(DataSource source, ArrayStructure structure, long[] start, long[] count, CancellationToken ct)
    {
        var array = Open(source);
        return Task.FromResult(array.ReadBox(structure, start, count, $"The .npy file '{array.Path}'", ct));
    }

    private FlatArray Open(DataSource source) => NpyHeader.Read(policy.Resolve(ExternalAssets.Single(source).DataUri));
}
