using Tiled.Application.Common.Concurrency;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Tiled.Application.Abstractions;
using Tiled.Application.Arrays;
using Tiled.Application.Arrays.PatchArray;
using Tiled.Application.Arrays.ReadArray;
using Tiled.Application.Arrays.WriteArray;
using Tiled.Application.Common.Behaviors;
using Tiled.Application.Common.Limits;
using Tiled.Application.DataSources.PutDataSource;
using Tiled.Application.Metadata;
using Tiled.Application.Metadata.ReplaceMetadata;
using Tiled.Application.Metadata.UpdateMetadata;
using Tiled.Application.Nodes;
using Tiled.Application.Nodes.CreateNode;
using Tiled.Application.Nodes.DeleteNode;
using Tiled.Application.Nodes.GetNode;
using Tiled.Application.Nodes.ListChildren;
using Tiled.Application.Principals;
using Tiled.Application.Search;
using Tiled.Application.Search.Distinct;
using Tiled.Application.Streaming;
using Tiled.Application.Streaming.CloseStream;
using Tiled.Application.Tables;
using Tiled.Application.Tables.AppendPartition;
using Tiled.Application.Tables.ReadTable;
using Tiled.Application.Tables.WritePartition;
using Tiled.Application.Tables.WriteTable;
using Tiled.Domain.Arrays;

namespace Tiled.Application;

/// <summary>Registers MediatR (by hand, one line per use case: no assembly scanning), the pipeline and every use case.</summary>
public static class DependencyInjection
{
    public static IServiceCollection AddTiledApplication(this IServiceCollection services, InputLimits? limits = null)
    {
        limits ??= new InputLimits();
        limits.Validate();
        services.AddSingleton(limits);
        services.AddSingleton<InputLimitChecks>();
        services.AddSingleton<IMediator, Mediator>();
        services.AddSingleton<ISender>(sp => sp.GetRequiredService<IMediator>());
        // MediatR nests behaviours in registration order: the first registered is outermost.
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(LoggingBehavior<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>));
        services.AddSingleton<NodeEventPublisher>();
        services.AddSingleton<NodeWriteLocks>();
        services.TryAddSingleton<INodeWriteLock>(sp => sp.GetRequiredService<NodeWriteLocks>());
        services.AddSingleton<MetadataWriter>();
        services.AddSingleton<ArrayBoxReader>();
        services.AddSingleton<ExternalStructures>();
        services.AddSingleton<TableWriter>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ApiKeyAuthenticator>();

        services.AddUseCase<GetNodeQuery, NodeView, GetNodeHandler>();
        services.AddUseCase<ListChildrenQuery, ChildrenPage, ListChildrenHandler>(new ListChildrenQueryValidator());
        services.AddUseCase<DistinctQuery, DistinctValues, DistinctHandler>();
        services.AddUseCase<CreateNodeCommand, Domain.Nodes.Node, CreateNodeHandler>(new CreateNodeCommandValidator());
        services.AddUseCase<DeleteNodeCommand, DeleteNodeResult, DeleteNodeHandler>();
        services.AddUseCase<WriteArrayCommand, WriteArrayResult, WriteArrayHandler>();
        services.AddUseCase<PatchArrayCommand, ArrayStructure, PatchArrayHandler>(new PatchArrayCommandValidator());
        services.AddUseCase<ReadArrayQuery, ArrayData, ReadArrayHandler>();
        services.AddUseCase<WriteTableCommand, TableWriteResult, WriteTableHandler>();
        services.AddUseCase<WritePartitionCommand, TableWriteResult, WritePartitionHandler>(new WritePartitionCommandValidator());
        services.AddUseCase<AppendPartitionCommand, TableWriteResult, AppendPartitionHandler>(new AppendPartitionCommandValidator());
        services.AddUseCase<ReadTableQuery, TableData, ReadTableHandler>(new ReadTableQueryValidator());
        services.AddUseCase<UpdateMetadataCommand, MetadataResult, UpdateMetadataHandler>();
        services.AddUseCase<ReplaceMetadataCommand, MetadataResult, ReplaceMetadataHandler>();
        services.AddUseCase<CloseStreamCommand, CloseStreamResult, CloseStreamHandler>();
        services.AddUseCase<PutDataSourceCommand, PutDataSourceResult, PutDataSourceHandler>(new PutDataSourceCommandValidator());
        services.AddUseCase<CreatePrincipalCommand, Domain.Principals.Principal, CreatePrincipalHandler>();
        services.AddUseCase<ListPrincipalsQuery, IReadOnlyList<Domain.Principals.Principal>, ListPrincipalsHandler>();
        services.AddUseCase<GetPrincipalQuery, Domain.Principals.Principal, GetPrincipalHandler>();
        services.AddUseCase<CreateApiKeyCommand, NewApiKey, CreateApiKeyHandler>();
        services.AddUseCase<RevokeApiKeyCommand, Unit, RevokeApiKeyHandler>();
        return services;
    }

    private static void AddUseCase<TRequest, TResponse, THandler>(this IServiceCollection services, IValidator<TRequest>? validator = null)
        where TRequest : IRequest<TResponse>
        where THandler : class, IRequestHandler<TRequest, TResponse>
    {
        services.AddSingleton<IRequestHandler<TRequest, TResponse>, THandler>();
        if (validator is not null)
        {
            services.AddSingleton(validator);
        }
    }
}
