using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;
using Tiled.IntegrationTests.DataSources;
using Tiled.IntegrationTests.Infrastructure;
using Xunit;

namespace Tiled.IntegrationTests.BadInput;

/// <summary>
/// Creating, registering or replacing a data source with an entry of <see cref="BadStructureCorpus"/>
/// is a 4xx whose detail says what is wrong, and nothing is stored: no node, no storage, no change.
/// </summary>
public abstract class BadStructureTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : TiledServerFixture
{
    private HttpClient Http => server.Http;

    [Theory]
    [MemberData(nameof(BadStructureCorpus.Names), MemberType = typeof(BadStructureCorpus))]
    public async Task Creating_an_array_is_a_422_and_stores_nothing(string name)
    {
        if (server.UnavailableReason is not null) { return; }
        var key = Wire.NewKey();
        var body = Wire.Int64Body(key, 3);
        body["data_sources"]![0]!["structure"] = BadStructureCorpus.StructureOf(name);

        var response = await Http.PostAsync("/api/v1/metadata/", Wire.Json(body));

        (await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity)).Should().Contain(BadStructureCorpus.DetailOf(name));
        await (await Http.GetAsync($"/api/v1/metadata/{key}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        StorageNamed(key).Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(BadStructureCorpus.Names), MemberType = typeof(BadStructureCorpus))]
    public async Task Registering_with_the_structure_declared_is_a_4xx_and_registers_nothing(string name)
    {
        if (server.UnavailableReason is not null) { return; }
        var key = Wire.NewKey();
        var source = await RawDataSourceAsync();
        source["structure"] = BadStructureCorpus.StructureOf(name);

        var response = await Http.PostAsync("/api/v1/register/", Wire.Json(External.Register(key, source)));

        (await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity)).Should().Contain(BadStructureCorpus.DetailOf(name));
        await (await Http.GetAsync($"/api/v1/metadata/{key}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(BadStructureCorpus.Names), MemberType = typeof(BadStructureCorpus))]
    public async Task Replacing_a_data_source_with_the_structure_declared_is_a_4xx_and_changes_nothing(string name)
    {
        if (server.UnavailableReason is not null) { return; }
        var key = Wire.NewKey();
        var source = await External.RegisterRawInt64Async(Http, server.ExternalDirectory, key);
        source["structure"] = BadStructureCorpus.StructureOf(name);
        var before = await Http.GetStringAsync($"/api/v1/metadata/{key}");

        var response = await Http.PutAsync($"/api/v1/data_source/{key}", Wire.Json(new JsonObject { ["data_source"] = source }));

        (await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity)).Should().Contain(BadStructureCorpus.DetailOf(name));
        (await Http.GetStringAsync($"/api/v1/metadata/{key}")).Should().Be(before);
    }

    private IEnumerable<string> StorageNamed(string key) =>
        Directory.Exists(server.Settings.WriteStorage)
            ? Directory.EnumerateFileSystemEntries(server.Settings.WriteStorage).Where(path => Path.GetFileName(path).StartsWith(key, StringComparison.Ordinal))
            : [];

    private Task<JsonObject> RawDataSourceAsync() => External.RawInt64DataSourceAsync(server.ExternalDirectory, [1, 2, 3]);
}

public sealed class SqliteBadStructureTests(SqliteServer server) : BadStructureTests<SqliteServer>(server);

public sealed class PostgresBadStructureTests(PostgresServer server) : BadStructureTests<PostgresServer>(server);
