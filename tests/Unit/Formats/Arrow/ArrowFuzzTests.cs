using FluentAssertions;
using Tiled.Formats.Arrow;
using Xunit;

namespace Tiled.UnitTests.Formats.Arrow;

/// <summary>
/// Damaged copies of valid inputs: whatever the damage, reading must either succeed (and then
/// every value must read) or throw <see cref="ArrowFormatException"/> or
/// <see cref="ArrowNotSupportedException"/>, never anything else.
/// </summary>
public sealed class ArrowFuzzTests
{
    private const int Rounds = 2000;

    public static TheoryData<string> Inputs => new() { "file", "stream", "schema" };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Random_truncations_only_raise_arrow_errors(string input)
    {
        var bytes = Valid(input);
        var random = new Random(20240611);

        for (var round = 0; round < Rounds; round++)
        {
            var length = random.Next(bytes.Length);
            ShouldFailCleanly(input, bytes.AsMemory(0, length).ToArray(), $"truncated to {length} bytes");
        }
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Random_byte_flips_only_raise_arrow_errors(string input)
    {
        var bytes = Valid(input);
        var random = new Random(1234 + input.Length);

        for (var round = 0; round < Rounds; round++)
        {
            var damaged = bytes.ToArray();
            var flips = new List<string>();
            for (var i = random.Next(1, 5); i > 0; i--)
            {
                var position = random.Next(damaged.Length);
                var value = random.Next(3) == 0 ? (byte)0xFF : (byte)random.Next(256);
                damaged[position] = value;
                flips.Add($"{position}={value}");
            }

            ShouldFailCleanly(input, damaged, $"bytes {string.Join(", ", flips)}");
        }
    }

    private static byte[] Valid(string input) => input switch
    {
        "file" => ArrowFileWriter.Write(ArrowSamples.AllTypesSchema(), ArrowSamples.AllTypesBatches()),
        "stream" => ArrowStreamWriter.Write(ArrowSamples.AllTypesSchema(), ArrowSamples.AllTypesBatches()),
        _ => ArrowSchemaMessage.Encode(ArrowSamples.AllTypesSchema()),
    };

    private static void ShouldFailCleanly(string input, byte[] bytes, string damage)
    {
        try
        {
            var table = input switch
            {
                "file" => ArrowFileReader.Read(bytes),
                "stream" => ArrowStreamReader.Read(bytes),
                _ => new ArrowTable(ArrowSchemaMessage.Decode(bytes), []),
            };
            foreach (var column in table.Batches.SelectMany(b => b.Columns))
            {
                ArrowTestValues.Of(column);
            }

            using var json = new MemoryStream();
            using var writer = new System.Text.Json.Utf8JsonWriter(json);
            ArrowJson.Write(writer, table.Schema, table.Batches);
            ArrowCsv.ToText(table.Schema, table.Batches);
        }
        catch (Exception e) when (e is ArrowFormatException or ArrowNotSupportedException)
        {
        }
        catch (Exception e)
        {
            e.Should().BeNull($"{input} with {damage} must only raise Arrow errors");
        }
    }
}
