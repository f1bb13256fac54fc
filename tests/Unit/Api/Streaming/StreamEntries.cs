using System.Text;
using Tiled.Application.Abstractions;

namespace Tiled.UnitTests.Api.Streaming;

/// <summary>Stored entries as the publisher writes them.</summary>
internal static class StreamEntries
{
    public const string Timestamp = "2025-01-01T00:00:00.000000+00:00";

    public static StreamEntry ArrayData(long sequence, byte[] payload, string shape = "[3]", string mimetype = "application/octet-stream") =>
        Entry(sequence, $$"""{"type":"array-data","timestamp":"{{Timestamp}}","mimetype":"{{mimetype}}","shape":{{shape}},"offset":null,"block":null}""", payload);

    public static StreamEntry ChildCreated(long sequence) =>
        Entry(sequence, $$$"""{"type":"container-child-created","timestamp":"{{{Timestamp}}}","key":"x","structure_family":"array","specs":[{"name":"s","version":null}],"metadata":{"color":"red","n":[1,2.5,null,true]},"data_sources":[],"access_blob":{}}""", []);

    public static StreamEntry Entry(long sequence, string metadataJson, byte[] payload) =>
        new(sequence, Encoding.UTF8.GetBytes(metadataJson), payload);

    public static byte[] Int64s(params long[] values) => values.SelectMany(BitConverter.GetBytes).ToArray();

    public static byte[] Int32s(params int[] values) => values.SelectMany(BitConverter.GetBytes).ToArray();
}
