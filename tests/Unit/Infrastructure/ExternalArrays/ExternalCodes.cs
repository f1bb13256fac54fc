using Tiled.Application.Abstractions;
using Tiled.Domain.DataSources;

namespace Tiled.UnitTests.Infrastructure.ExternalArrays;

/// <summary>The error code an inspection fails with ("none" when it succeeds).</summary>
internal static class ExternalCodes
{
    public static async Task<string> OfInspectAsync(IExternalArrayReader reader, DataSource source)
    {
        try
        {
            await reader.InspectAsync(source, default);
            return "none";
        }
        catch (ExternalDataException e)
        {
            return e.ErrorCode;
        }
    }
}
