using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tiled.Application.Common.Errors;
using Tiled.Domain.Arrays;
using Tiled.Domain.Nodes;

namespace Tiled.Application.Common.Limits;

/// <summary>
/// The one place the <see cref="InputLimits"/> are applied to what a request would store: node
/// keys, metadata (after any patch), specs and array structures. Each failure is a
/// <see cref="LimitExceededException"/> naming the setting; nothing has been stored when it is thrown.
/// </summary>
public sealed class InputLimitChecks(InputLimits limits)
{
    public InputLimits Limits => limits;

    /// <summary>Null when <paramref name="key"/> is short enough, otherwise why not.</summary>
    public string? KeyProblem(string key) =>
        key.Length > limits.MaxKeyLength ? $"A key must be at most {limits.MaxKeyLength} characters long (max_key_length)." : null;

    /// <summary>Nesting, key lengths and size of a node's metadata as it would be stored.</summary>
    public void RequireMetadata(JsonObject metadata)
    {
        RequireShape(metadata, 1);
        using var counter = new Utf8JsonWriter(Stream.Null);
        metadata.WriteTo(counter);
        counter.Flush();
        if (counter.BytesCommitted > limits.MaxMetadataBytes)
        {
            throw new LimitExceededException(size: true,
                $"The metadata is {counter.BytesCommitted} bytes of JSON; a node's metadata may be at most {limits.MaxMetadataBytes} bytes (max_metadata_bytes).");
        }
    }

    public void RequireSpecs(IReadOnlyList<Spec> specs)
    {
        if (specs.Count > limits.MaxSpecs)
        {
            throw new LimitExceededException(size: false, $"A node may have at most {limits.MaxSpecs} specs (max_specs); this one would have {specs.Count}.");
        }

        if (specs.Select(s => s.Name).Distinct().Count() != specs.Count)
        {
            throw new InvalidRequestException("Spec names must be unique.");
        }

        if (specs.FirstOrDefault(s => s.Name.Length == 0 || s.Name.Length > limits.MaxKeyLength) is { } bad)
        {
            throw new LimitExceededException(size: false,
                $"Spec names must be 1 to {limits.MaxKeyLength} characters long (max_key_length); one has {bad.Name.Length}.");
        }
    }

    /// <summary>Chunks per dimension and in total, and bytes, of an array as it would be stored.</summary>
    public void RequireArray(ArrayStructure structure)
    {
        var total = BigInteger.One;
        for (var d = 0; d < structure.Rank; d++)
        {
            var count = structure.Chunks[d].Length;
            if (count > limits.MaxChunksPerDimension)
            {
                throw new LimitExceededException(size: false,
                    $"Dimension {d} would have {count} chunks; an array may have at most {limits.MaxChunksPerDimension} along one dimension (max_chunks_per_dimension).");
            }

            total *= count;
        }

        if (total > limits.MaxChunks)
        {
            throw new LimitExceededException(size: false,
                $"The array would have {total} chunks; an array may have at most {limits.MaxChunks} (max_chunks).");
        }

        if (structure.ByteCount > limits.MaxArrayBytes)
        {
            throw new LimitExceededException(size: false,
                $"Shape ({string.Join(", ", structure.Shape)}) would hold {structure.ByteCount} bytes; an array may hold at most {limits.MaxArrayBytes} (max_array_bytes).");
        }
    }

    /// <summary>Same as <see cref="RequireArray(ArrayStructure)"/> for a structure in Tiled's JSON.</summary>
    public void RequireArray(JsonObject? structure)
    {
        if (structure is not null)
        {
            RequireArray(ArrayStructure.FromJson(structure));
        }
    }

    private void RequireShape(JsonNode? node, int depth)
    {
        switch (node)
        {
            case JsonObject obj:
                RequireDepth(depth);
                foreach (var (key, value) in obj)
                {
                    if (key.Length > limits.MaxKeyLength)
                    {
                        throw new LimitExceededException(size: false,
                            $"The metadata key '{key[..Math.Min(32, key.Length)]}…' has {key.Length} characters; keys may have at most {limits.MaxKeyLength} (max_key_length).");
                    }

                    RequireShape(value, depth + 1);
                }

                break;
            case JsonArray array:
                RequireDepth(depth);
                foreach (var item in array)
                {
                    RequireShape(item, depth + 1);
                }

                break;
        }
    }

    private void RequireDepth(int depth)
    {
        if (depth > limits.MaxJsonDepth)
        {
            throw new LimitExceededException(size: false,
                $"The metadata nests objects and lists {depth} levels deep; JSON may nest at most {limits.MaxJsonDepth} levels (max_json_depth).");
        }
    }
}
