using System.Globalization;
using Tiled.Domain.Arrays;

namespace Tiled.Application.Common.Limits;

/// <summary>
/// The limits every client input is held to before anything is stored, each a named setting
/// (<c>--limit NAME=VALUE</c>, YAML <c>limits:</c>) with a default that keeps the server alive under
/// hostile input. <see cref="InputLimitChecks"/> applies them; the JSON body limits apply where
/// bodies are parsed. The JSON depth has a ceiling: stored metadata is served inside documents a few
/// levels deeper, which the serialisers must still be able to write and read back.
/// </summary>
public sealed record InputLimits
{
    /// <summary>The largest <see cref="MaxJsonDepth"/> allowed: documents add up to 8 levels, serialisers stop at 64.</summary>
    public const int JsonDepthCeiling = 56;

    /// <summary><c>max_json_depth</c>: nesting of objects and lists in any JSON body, and in metadata after a patch.</summary>
    public int MaxJsonDepth { get; init; } = 32;

    /// <summary><c>max_json_body_bytes</c>: size of a JSON request body (413).</summary>
    public long MaxJsonBodyBytes { get; init; } = 16L << 20;

    /// <summary><c>max_metadata_bytes</c>: a node's metadata as compact UTF-8 JSON (413).</summary>
    public long MaxMetadataBytes { get; init; } = 1L << 20;

    /// <summary><c>max_key_length</c>: characters in a node key and in each metadata key.</summary>
    public int MaxKeyLength { get; init; } = 255;

    /// <summary><c>max_specs</c>: specs per node.</summary>
    public int MaxSpecs { get; init; } = 20;

    /// <summary><c>max_chunks_per_dimension</c>: chunks along one dimension of an array (at most <see cref="ChunkGrid.MaxChunksPerDimension"/>).</summary>
    public long MaxChunksPerDimension { get; init; } = 100_000;

    /// <summary><c>max_chunks</c>: chunks of an array in total (the product over its dimensions).</summary>
    public long MaxChunks { get; init; } = 10_000_000;

    /// <summary><c>max_array_bytes</c>: bytes an array may hold (its shape times its item size).</summary>
    public long MaxArrayBytes { get; init; } = 1L << 44;

    /// <summary><c>max_page_bytes</c>: a search page stops early (keeping at least one child) once it is this large; <c>links.next</c> continues it.</summary>
    public long MaxPageBytes { get; init; } = 16L << 20;

    /// <summary>The setting names, as the README, the command line and the YAML file spell them.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "max_json_depth", "max_json_body_bytes", "max_metadata_bytes", "max_key_length", "max_specs",
        "max_chunks_per_dimension", "max_chunks", "max_array_bytes", "max_page_bytes",
    ];

    /// <summary>These limits with <paramref name="name"/> set to <paramref name="text"/>; throws <see cref="ArgumentException"/> for a bad name or value.</summary>
    public InputLimits With(string name, string text)
    {
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
        {
            throw new ArgumentException($"The limit {name} must be a positive whole number, not '{text}'.");
        }

        var limits = name switch
        {
            "max_json_depth" => this with { MaxJsonDepth = (int)Math.Min(value, int.MaxValue) },
            "max_json_body_bytes" => this with { MaxJsonBodyBytes = value },
            "max_metadata_bytes" => this with { MaxMetadataBytes = value },
            "max_key_length" => this with { MaxKeyLength = (int)Math.Min(value, int.MaxValue) },
            "max_specs" => this with { MaxSpecs = (int)Math.Min(value, int.MaxValue) },
            "max_chunks_per_dimension" => this with { MaxChunksPerDimension = value },
            "max_chunks" => this with { MaxChunks = value },
            "max_array_bytes" => this with { MaxArrayBytes = value },
            "max_page_bytes" => this with { MaxPageBytes = value },
            _ => throw new ArgumentException($"Unknown limit '{name}'; the limits are {string.Join(", ", Names)}."),
        };
        limits.Validate();
        return limits;
    }

    /// <summary>Throws <see cref="ArgumentException"/> when a limit is beyond what the server can honour.</summary>
    public void Validate()
    {
        if (MaxJsonDepth is < 2 or > JsonDepthCeiling)
        {
            throw new ArgumentException($"max_json_depth must be between 2 and {JsonDepthCeiling}.");
        }

        if (MaxChunksPerDimension > ChunkGrid.MaxChunksPerDimension)
        {
            throw new ArgumentException($"max_chunks_per_dimension must be at most {ChunkGrid.MaxChunksPerDimension}.");
        }

        if (MaxKeyLength > 255)
        {
            throw new ArgumentException("max_key_length must be at most 255 (a key names a file).");
        }
    }
}
