using Tiled.Api.Hosting;
using Tiled.IntegrationTests.Infrastructure;

namespace Tiled.IntegrationTests.Hostile;

/// <summary>The production shape (PostgreSQL catalog, Redis stream cache) on <see cref="PrivateServices"/>, with 2 s dependency timeouts.</summary>
public sealed class FaultyServer : TiledServerFixture
{
    public const double TimeoutSeconds = 2;

    public PrivateServices Dependencies { get; private set; } = null!;

    protected override string? CacheUri => Dependencies?.RedisUri;

    protected override async Task<string?> DatabaseUriAsync()
    {
        var (services, reason) = await PrivateServices.StartAsync();
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
