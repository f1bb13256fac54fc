using MediatR;

namespace Tiled.Application.Tables.AppendPartition;

internal sealed class AppendPartitionHandler(TableWriter writer) : IRequestHandler<AppendPartitionCommand, TableWriteResult>
{
    public Task<TableWriteResult> Handle(AppendPartitionCommand request, CancellationToken cancellationToken) =>
        writer.WriteAsync(request.Path, request.Partition, append: true, request.MediaType, request.Payload, cancellationToken);
}
