using MediatR;

namespace Tiled.Application.Tables.WritePartition;

internal sealed class WritePartitionHandler(TableWriter writer) : IRequestHandler<WritePartitionCommand, TableWriteResult>
{
    public Task<TableWriteResult> Handle(WritePartitionCommand request, CancellationToken cancellationToken) =>
        writer.WriteAsync(request.Path, request.Partition, append: false, request.MediaType, request.Payload, cancellationToken);
}
