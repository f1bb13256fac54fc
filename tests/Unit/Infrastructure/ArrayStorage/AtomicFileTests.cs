using FluentAssertions;
using Tiled.Infrastructure.ArrayStorage;
using Xunit;

namespace Tiled.UnitTests.Infrastructure.ArrayStorage;

/// <summary>Both write paths: small payloads written inline, large ones through a buffered stream.</summary>
public sealed class AtomicFileTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("tiled-atomic-");

    private string Target => Path.Combine(_directory.FullName, "0.0");

    [Theory]
    [InlineData(40)]
    [InlineData(1024 * 1024)]
    public async Task The_file_holds_exactly_the_bytes_and_no_temporary_file_is_left(int length)
    {
        var bytes = Enumerable.Range(0, length).Select(i => (byte)i).ToArray();
        await File.WriteAllBytesAsync(Target, [9, 9, 9]);

        await AtomicFile.WriteAsync(Target, bytes, overwrite: true, CancellationToken.None);

        (await File.ReadAllBytesAsync(Target)).Should().Equal(bytes);
        _directory.GetFiles().Select(f => f.Name).Should().Equal("0.0");
    }

    [Theory]
    [InlineData(40)]
    [InlineData(1024 * 1024)]
    public async Task Without_overwrite_an_existing_file_is_kept_and_no_temporary_file_is_left(int length)
    {
        await File.WriteAllBytesAsync(Target, [9, 9, 9]);

        var write = () => AtomicFile.WriteAsync(Target, new byte[length], overwrite: false, CancellationToken.None);

        await write.Should().ThrowAsync<IOException>();
        (await File.ReadAllBytesAsync(Target)).Should().Equal(9, 9, 9);
        _directory.GetFiles().Select(f => f.Name).Should().Equal("0.0");
    }

    [Theory]
    [InlineData(40)]
    [InlineData(1024 * 1024)]
    public async Task A_reader_holding_the_old_file_keeps_reading_the_old_bytes(int length)
    {
        await File.WriteAllBytesAsync(Target, [9, 9, 9]);
        using var reader = File.OpenHandle(Target);

        await AtomicFile.WriteAsync(Target, new byte[length], overwrite: true, CancellationToken.None);
        await AtomicFile.WriteAsync(Target, Enumerable.Repeat((byte)7, length).ToArray(), overwrite: true, CancellationToken.None);

        var old = new byte[8];
        RandomAccess.Read(reader, old, 0).Should().Be(3);
        old[..3].Should().Equal(9, 9, 9);
        (await File.ReadAllBytesAsync(Target)).Should().HaveCount(length).And.OnlyContain(b => b == 7);
        _directory.GetFiles().Select(f => f.Name).Should().Equal("0.0");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_missing_file_is_created(bool overwrite)
    {
        await AtomicFile.WriteAsync(Target, new byte[] { 1, 2 }, overwrite, CancellationToken.None);

        (await File.ReadAllBytesAsync(Target)).Should().Equal(1, 2);
        _directory.GetFiles().Select(f => f.Name).Should().Equal("0.0");
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
