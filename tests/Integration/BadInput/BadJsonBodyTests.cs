using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using Tiled.IntegrationTests.DataSources;
using Tiled.IntegrationTests.Infrastructure;
using Xunit;

namespace Tiled.IntegrationTests.BadInput;

/// <summary>Every route that takes a JSON body refuses each entry of <see cref="BadJsonCorpus"/> with a 422 and stores nothing.</summary>
public abstract class BadJsonBodyTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : TiledServerFixture
{
    private const string NotJson = "The request body is not valid JSON";

    private HttpClient Http => server.Http;

    [Theory]
    [MemberData(nameof(BadJsonCorpus.Names), MemberType = typeof(BadJsonCorpus))]
    public async Task Create_refuses_the_body_and_creates_nothing(string name)
    {
        if (server.UnavailableReason is not null) { return; }
        var key = Wire.NewKey();
        var body = new JsonObject { ["id"] = key, ["structure_family"] = "container", ["metadata"] = BadJsonCorpus.Placeholder };

        var response = await Http.PostAsync("/api/v1/metadata/", BadJsonCorpus.Embed(body, name));

        (await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity)).Should().StartWith(NotJson);
        await (await Http.GetAsync($"/api/v1/metadata/{key}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(BadJsonCorpus.Names), MemberType = typeof(BadJsonCorpus))]
    public async Task Register_refuses_the_body_and_registers_nothing(string name)
    {
        if (server.UnavailableReason is not null) { return; }
        var key = Wire.NewKey();
        var body = External.Register(key, await RawDataSourceAsync());
        body["metadata"] = BadJsonCorpus.Placeholder;

        var response = await Http.PostAsync("/api/v1/register/", BadJsonCorpus.Embed(body, name));

        (await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity)).Should().StartWith(NotJson);
        await (await Http.GetAsync($"/api/v1/metadata/{key}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(BadJsonCorpus.Names), MemberType = typeof(BadJsonCorpus))]
    public async Task Metadata_patch_and_replace_refuse_the_body_and_change_nothing(string name)
    {
        if (server.UnavailableReason is not null) { return; }
        var key = Wire.NewKey();
        (await Http.PostAsync("/api/v1/metadata/", Wire.Json(new JsonObject
        {
            ["id"] = key, ["structure_family"] = "container", ["metadata"] = new JsonObject { ["a"] = "kept" },
        }))).EnsureSuccessStatusCode();
        var before = await Http.GetStringAsync($"/api/v1/metadata/{key}");
        var merge = new JsonObject { ["content-type"] = "application/merge-patch+json", ["metadata"] = BadJsonCorpus.Placeholder };
        var replace = new JsonObject { ["metadata"] = BadJsonCorpus.Placeholder };

        var patched = await Http.PatchAsync($"/api/v1/metadata/{key}", BadJsonCorpus.Embed(merge, name));
        var replaced = await Http.PutAsync($"/api/v1/metadata/{key}", BadJsonCorpus.Embed(replace, name));

        (await patched.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity)).Should().StartWith(NotJson);
        (await replaced.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity)).Should().StartWith(NotJson);
        (await Http.GetStringAsync($"/api/v1/metadata/{key}")).Should().Be(before);
    }

    [Theory]
    [MemberData(nameof(BadJsonCorpus.Names), MemberType = typeof(BadJsonCorpus))]
    public async Task Data_source_replacement_refuses_the_body_and_changes_nothing(string name)
    {
        if (server.UnavailableReason is not null) { return; }
        var key = Wire.NewKey();
        var source = await External.RegisterRawInt64Async(Http, server.ExternalDirectory, key);
        source["properties"] = BadJsonCorpus.Placeholder;
        var before = await Http.GetStringAsync($"/api/v1/metadata/{key}");

        var response = await Http.PutAsync($"/api/v1/data_source/{key}", BadJsonCorpus.Embed(new JsonObject { ["data_source"] = source }, name));

        (await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity)).Should().StartWith(NotJson);
        (await Http.GetStringAsync($"/api/v1/metadata/{key}")).Should().Be(before);
    }

    [Fact]
    public async Task A_repeated_top_level_key_is_refused_with_its_name()
    {
        if (server.UnavailableReason is not null) { return; }
        var key = Wire.NewKey();
        var body = $$"""{"id":"{{key}}","structure_family":"container","structure_family":"array"}""";

        var response = await Http.PostAsync("/api/v1/metadata/", new StringContent(body, Encoding.UTF8, "application/json"));

        (await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity)).Should().Contain("'structure_family' more than once");
        await (await Http.GetAsync($"/api/v1/metadata/{key}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    private Task<JsonObject> RawDataSourceAsync() => External.RawInt64DataSourceAsync(server.ExternalDirectory, [1, 2, 3]);
}

public sealed class SqliteBadJsonBodyTests(SqliteServer server) : BadJsonBodyTests<SqliteServer>(server);

public sealed class PostgresBadJsonBodyTests(PostgresServer server) : BadJsonBodyTests<PostgresServer>(server);
