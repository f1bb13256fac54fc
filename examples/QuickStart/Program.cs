using Tiled.Client;

var server = new Uri(args.Length > 0 ? args[0] : "http://127.0.0.1:8000");
var client = await TiledClient.ConnectAsync(server, apiKey: args.Length > 1 ? args[1] : "secret");

var x = await client.WriteArrayAsync(NdArray.From(1L, 2L, 3L));
Console.WriteLine(x);

await using var subscription = x.Subscribe();
subscription.NewData += update =>
{
    Console.WriteLine($"update {update.Sequence}: [{string.Join(", ", update.Data<long>().Values)}] at offset {update.Offset?[0] ?? 0}");
    return Task.CompletedTask;
};
subscription.StreamClosed += () => Console.WriteLine($"stream closed, subscription {subscription.State}");
await subscription.StartAsync(start: 0);  // replay from the oldest retained update, then live

await x.PatchAsync(NdArray.From(4L, 5L, 6L), offset: [3], extend: true);
await x.CloseStreamAsync();               // subscribers get StreamClosed once they have everything
await subscription.Completion;            // wait until every update and StreamClosed were handled
Console.WriteLine($"read back: [{string.Join(", ", (await x.ReadAsync<long>()).Values)}]");
