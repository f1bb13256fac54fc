using MediatR;

namespace Tiled.Application.Tables.WriteTable;

internal sealed class WriteTableHandler(TableWriter writer) : IRequestHandler<WriteTableCommand, TableWriteResult>
{
    public Task<TableWriteResult> Handle(WriteTableCommand request, CancellationToken cancellationToken) =>
        writer.WriteAsync(request.Path, null, append: false, request.MediaType, request.Payload, cancellationToken);
}
