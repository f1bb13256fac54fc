using FluentAssertions;
using Tiled.Infrastructure.ArrayStorage;
using Xunit;

namespace Tiled.UnitTests.Infrastructure.ArrayStorage;

public sealed class NameExchangeTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("tiled-exchange-");

    private string First => Path.Combine(_directory.FullName, "first");

    private string Second => Path.Combine(_directory.FullName, "second");

    [Fact]
    public async Task Two_existing_names_swap_their_files()
    {
        await File.WriteAllBytesAsync(First, [1]);
        await File.WriteAllBytesAsync(Second, [2, 2]);

        NameExchange.TrySwap(First, Second).Should().BeTrue();

        (await File.ReadAllBytesAsync(First)).Should().Equal(2, 2);
        (await File.ReadAllBytesAsync(Second)).Should().Equal(1);
    }

    [Fact]
    public async Task A_missing_name_swaps_nothing()
    {
        await File.WriteAllBytesAsync(First, [1]);

        NameExchange.TrySwap(First, Second).Should().BeFalse();

        (await File.ReadAllBytesAsync(First)).Should().Equal(1);
        File.Exists(Second).Should().BeFalse();
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
