using FluentAssertions;
using Tiled.Infrastructure.ExternalArrays;
using Xunit;

namespace Tiled.UnitTests.Infrastructure.ExternalArrays;

public sealed class TiffCodecTests
{
    /// <summary>A 40 × 40 LZW strip written by libtiff (through Pillow): pixel (r, c) = (7r + 13c) mod 251.</summary>
    private const string LibtiffStrip =
        "gAABoaE40IJOLZoOqCR6cVK2YbQbrqe4JCwjGA9JRXMhxPyLTClWS/ZjZczzAoHCghFw7JBVMRvPiJSyjWC9ZTXcjxAYQDoqG5EKJeNZ4QqST6sXLGabgdr6BgODYoGpCJ5cNJ2QaQTqqW7EaLedb4BQXEgxHxLLBlOR/RiZUyzYDNbTnegGCYVEQvHhJKxjOB9RSXUixXzLbDleQECIeFY4IpSL5sPKGSagVq6Y7UcLugQaDgpGxDKBdNR3QiRTyrXDFaTfdj5BYYEoyH5MLJmOaARqaU60YLObboesqEMYjUcj0gkUkk0oCQfFg5IxTMBtPSHSihVy7ZDVcTvANSFFAoVEo1IpVMp1QDImGZAJpaM50QKOTaoWrCZ7cdJ7AQvQXrQtS2LcuC5Louy8BAFodCOKgwjcPZEEqURXl4ZJrHGeABAe0IbMgyTKMszDNM4zyBoKg6EoWhqHoiiaKoujLbty3bet+4LhuKlaWpemKZpqm6cp2nqfqC6rruy7buu+8Lxqmqqrqyrauq+sKxrKs60vm+r7vy/b+v/AK9r6v7AsGwrDsSxbGseyMIwnCsLwzDcOw+0TSNM1DVNY1zYNk2jbNxFqGIciCJIoizkI2jqPpCkaSpOArounJUgpomycJ0nifPMoaiqOpKlqap4GPe+MvSqrivLAsSyLNAi1rat64rmuq7gnBsHzlNLCMMxDFMYx0RMmyrLsyzbOs/FaEIVPrVta17Ytm2sbN03jfOA4TiONH6YJlSDm0m6DpOo6zsO07jvPA8TySmrCtVG9dTPc+D5Po+z8P0/j/QBAUzsAwVbQTXMGQdCEJQpC0MQ1DkPRBPbTtTZMT2ZFSDWfF1ERjRcaOTR6QW3HdvR8l1wyFTci09JDz1EpF2Sfd8pKteUrVdLNYy5Atarhfsx4BMy/YHNVgzbYk4RHZDMYdO+Iz00uKT9adA2tQkb2039ExlRiM0c5dIudSlLXRJd1u7TkjU+oNQvTUj2VPVN8y/fj91fLVZLTWkD1vBVdV5hU54bDNhTdYrI2PEtlRRZuNUNF9E2pQVrtxbMc25Hlv5RTMh0459K3PJV1SbdsoXhm1WSvV721RfEvX3MN/TJgOiV/NdhQXXeEzlhk64fPGJalaM/2pFKCcehVDxhRUZ0a5Vx0k58epZziZU1IlOyPUD0XpUr2yiqnUq1VssVhLdZwNgtcQXMq+dswVgTZYc32NEmLWXFM8tH4bU2koBaqg1sI4ZIt1HrIGwPRbGuZS66UmMyXclEgIA==";

    [Fact]
    public void A_strip_encoded_by_libtiff_decodes()
    {
        var expected = new byte[40 * 40];
        for (var r = 0; r < 40; r++)
        {
            for (var c = 0; c < 40; c++)
            {
                expected[(r * 40) + c] = (byte)(((r * 7) + (c * 13)) % 251);
            }
        }

        TiffLzw.Decode(Convert.FromBase64String(LibtiffStrip), expected.Length).Should().Equal(expected);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1000)]
    [InlineData(300_000)]
    public void Random_bytes_round_trip_through_every_code_width_and_table_reset(int length)
    {
        var data = new byte[length];
        new Random(length).NextBytes(data);

        TiffLzw.Decode(TestTiffCodecs.Lzw(data), length).Should().Equal(data);
    }

    [Fact]
    public void Long_repeats_use_strings_that_reference_themselves()
    {
        var data = Enumerable.Repeat((byte)42, 100_000).Concat(Enumerable.Range(0, 70_000).Select(i => (byte)(i % 7))).ToArray();

        TiffLzw.Decode(TestTiffCodecs.Lzw(data), data.Length).Should().Equal(data);
    }

    [Fact]
    public void Lzw_output_beyond_the_expected_length_is_dropped_and_short_output_is_an_error()
    {
        var data = Enumerable.Range(0, 500).Select(i => (byte)i).ToArray();
        var encoded = TestTiffCodecs.Lzw(data);

        TiffLzw.Decode(encoded, 300).Should().Equal(data[..300]);
        var act = () => TiffLzw.Decode(encoded, 501);
        act.Should().Throw<InvalidDataException>();
    }

    [Fact]
    public void Corrupt_lzw_data_is_an_error()
    {
        // Clear (256), literal 65, then code 300 while the next free code is 258.
        var act = () => TiffLzw.Decode([0x80, 0x20, 0xCB, 0x00], 10);

        act.Should().Throw<InvalidDataException>();
    }

    [Fact]
    public void Old_style_lzw_is_unsupported()
    {
        var act = () => TiffLzw.Decode([0x00, 0x01, 0x02], 10);

        act.Should().Throw<NotSupportedException>();
    }

    [Fact]
    public void PackBits_decodes_the_example_of_the_specification()
    {
        byte[] packed = [0xFE, 0xAA, 0x02, 0x80, 0x00, 0x2A, 0xFD, 0xAA, 0x03, 0x80, 0x00, 0x2A, 0x22, 0xF7, 0xAA];
        byte[] unpacked = [0xAA, 0xAA, 0xAA, 0x80, 0x00, 0x2A, 0xAA, 0xAA, 0xAA, 0xAA, 0x80, 0x00, 0x2A, 0x22,
            0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA];

        PackBits.Decode(packed, unpacked.Length).Should().Equal(unpacked);
    }

    [Fact]
    public void PackBits_round_trips_and_reports_short_data()
    {
        var data = Enumerable.Range(0, 5000).Select(i => (byte)(i / 50 % 3 == 0 ? 7 : i % 256)).ToArray();

        PackBits.Decode(TestTiffCodecs.PackBits(data), data.Length).Should().Equal(data);
        var act = () => PackBits.Decode(TestTiffCodecs.PackBits(data), data.Length + 1);
        act.Should().Throw<InvalidDataException>();
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(4, true)]
    [InlineData(8, true)]
    public void Horizontal_differencing_is_undone_per_row_and_sample(int itemSize, bool bigEndian)
    {
        var data = new byte[5 * 6 * 2 * itemSize];
        new Random(itemSize).NextBytes(data);
        var encoded = (byte[])data.Clone();
        TestTiffCodecs.Predict(encoded, 2, 6, 2, itemSize, bigEndian);

        TiffPredictor.Undo(encoded, 2, 6, 2, itemSize, bigEndian);

        encoded.Should().Equal(data);
    }

    [Theory]
    [InlineData(4, false)]
    [InlineData(8, true)]
    [InlineData(2, false)]
    public void The_floating_point_predictor_is_undone_per_row(int itemSize, bool bigEndian)
    {
        var data = new byte[3 * 7 * itemSize];
        new Random(itemSize).NextBytes(data);
        var encoded = (byte[])data.Clone();
        TestTiffCodecs.Predict(encoded, 3, 7, 1, itemSize, bigEndian);

        TiffPredictor.Undo(encoded, 3, 7, 1, itemSize, bigEndian);

        encoded.Should().Equal(data);
    }
}
