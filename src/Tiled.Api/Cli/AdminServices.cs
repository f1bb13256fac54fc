using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Tiled.Application;
using Tiled.Application.Abstractions;
using Tiled.Infrastructure;

namespace Tiled.Api.Cli;

/// <summary>The use cases of key administration on a catalog database, for the command line (no server).</summary>
internal sealed class AdminServices : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private AdminServices(ServiceProvider provider) => _provider = provider;

    public IMediator Mediator => _provider.GetRequiredService<IMediator>();

    public IPrincipalStore Store => _provider.GetRequiredService<IPrincipalStore>();

    public static async Task<AdminServices> OpenAsync(string databaseUri, CancellationToken ct)
    {
        var services = new ServiceCollection().AddLogging().AddTiledApplication();
        try
        {
            await services.AddTiledPrincipalStoreAsync(databaseUri, ct);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            throw new CommandLineException(e.Message);
        }

        return new AdminServices(services.BuildServiceProvider());
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
