using BenchmarkDotNet.Running;

namespace Tiled.Bench.Micro;

/// <summary>
/// <c>dotnet run -c Release --project bench/Tiled.Bench.Micro -- --filter '*'</c>; any BenchmarkDotNet
/// switch works (<c>--list flat</c>, <c>--job short</c>, <c>--filter '*Slice*'</c>).
/// </summary>
internal static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
