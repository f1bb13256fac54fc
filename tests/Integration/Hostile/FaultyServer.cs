using Tiled.Api.Hosting;
using Tiled.IntegrationTests.Infrastructure;

namespace Tiled.IntegrationTests.Hostile;

/// <summary>The production shape (PostgreSQL catalog, Redis stream cache) on <see cref="PrivateServices"/>, with 2 s dependency timeouts.</summary>
public class FaultyServer : TiledServerFixture
{
    public const double TimeoutSeconds = 2;

    public PrivateServices Dependencies { get; private set; } = null!;

    protected override string? CacheUri => Dependencies?.RedisUri;

    /// <summary>When set, PostgreSQL's data directory is on a tmpfs of this size (see <see cref="PrivateServices.StartAsync"/>).</summary>
    protected virtual string? DataDiskSize => null;

    protected override async Task<string?> DatabaseUriAsync()
    {
        var (services, reason) = await PrivateServices.StartAsync(DataDiskSize);
        if (services is null)
        {
            UnavailableReason = reason;
            Console.WriteLine($"Fault tests skipped: {reason}.");
            return null;
        }

        Dependencies = services;
        return services.PostgresUri;
    }

    protected override ServerSettings Adjust(ServerSettings settings) =>
        settings with { DatabaseTimeoutSeconds = TimeoutSeconds, CacheTimeoutSeconds = TimeoutSeconds };

    protected override async Task DisposeDatabaseAsync()
    {
        if (Dependencies is not null)
        {
            await Dependencies.DisposeAsync();
        }
    }
}
