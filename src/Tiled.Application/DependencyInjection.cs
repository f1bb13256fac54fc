using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Tiled.Application.Abstractions;
using Tiled.Application.Arrays;
using Tiled.Application.Common.Behaviors;
using Tiled.Application.Common.Concurrency;
using Tiled.Application.Common.Limits;
using Tiled.Application.Metadata;
using Tiled.Application.Nodes.CreateNode;
using Tiled.Application.Principals;
using Tiled.Application.Streaming;
using Tiled.Application.Tables;

namespace Tiled.Application;

/// <summary>Registers MediatR with every use case of this assembly and the pipeline (logging, then validation), the validators, and the services the handlers share.</summary>
public static class DependencyInjection
{
    public static IServiceCollection AddTiledApplication(this IServiceCollection services, InputLimits? limits = null,
        StreamPayloadOptions? streamPayloads = null)
    {
        limits ??= new InputLimits();
        limits.Validate();
        services.AddSingleton(limits);
        services.AddSingleton(streamPayloads ?? new StreamPayloadOptions());
        services.AddSingleton<ArrayDataInliner>();
        services.AddSingleton<Streaming.Live.NodeStreamHubs>();
        services.AddSingleton<InputLimitChecks>();
        services.AddMediatR(cfg =>
        {
            cfg.RegisterServicesFromAssembly(typeof(DependencyInjection).Assembly);
            // Handlers hold no per-request state and depend only on singletons.
            cfg.Lifetime = ServiceLifetime.Singleton;
            // MediatR nests behaviours in registration order: the first is outermost.
            cfg.AddOpenBehavior(typeof(LoggingBehavior<,>));
            cfg.AddOpenBehavior(typeof(ValidationBehavior<,>));
        });
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Singleton, includeInternalTypes: true);
        services.AddSingleton<NodeEventPublisher>();
        services.AddSingleton<NodeWriteLocks>();
        services.TryAddSingleton<INodeWriteLock>(sp => sp.GetRequiredService<NodeWriteLocks>());
        services.AddSingleton<MetadataWriter>();
        services.AddSingleton<ArrayBoxReader>();
        services.AddSingleton<ExternalStructures>();
        services.AddSingleton<TableWriter>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ApiKeyAuthenticator>();

        return services;
    }
}
