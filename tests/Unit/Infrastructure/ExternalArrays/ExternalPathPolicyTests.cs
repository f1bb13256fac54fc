using FluentAssertions;
using Tiled.Application.Abstractions;
using Tiled.Infrastructure.ExternalArrays;
using Xunit;

namespace Tiled.UnitTests.Infrastructure.ExternalArrays;

public sealed class ExternalPathPolicyTests : IDisposable
{
    private readonly ExternalFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void A_file_inside_the_root_resolves_with_either_uri_form()
    {
        var path = _fixture.Write("a.npy", [1]);

        _fixture.Policy.Resolve("file://localhost" + path).Should().Be(path);
        _fixture.Policy.Resolve("file://" + path).Should().Be(path);
        _fixture.Policy.Resolve("FILE://LOCALHOST" + path).Should().Be(path);
    }

    [Fact]
    public void Percent_escapes_are_decoded_and_unescaped_names_are_taken_literally()
    {
        var spaced = _fixture.Write("with space #1.tif", [1]);

        _fixture.Policy.Resolve("file://localhost" + spaced.Replace(" ", "%20", StringComparison.Ordinal)).Should().Be(spaced);
        _fixture.Policy.Resolve("file://localhost" + spaced).Should().Be(spaced);
    }

    [Fact]
    public void A_directory_resolves_too()
    {
        var directory = Path.Combine(_fixture.Root, "store.zarr");
        Directory.CreateDirectory(directory);

        _fixture.Policy.Resolve("file://" + directory + "/").Should().Be(directory);
    }

    [Theory]
    [InlineData("http://example.org/data.npy")]
    [InlineData("s3://bucket/data.npy")]
    [InlineData("data.npy")]
    [InlineData("/data/data.npy")]
    [InlineData("file:data.npy")]
    [InlineData("file:/data/data.npy")]
    [InlineData("file://otherhost/data/data.npy")]
    [InlineData("file://localhost")]
    [InlineData("file://localhost/data/a%00b")]
    public void Anything_but_an_absolute_local_file_uri_is_invalid(string uri)
    {
        var act = () => _fixture.Policy.Resolve(uri);

        act.Should().Throw<ExternalDataException>().Which.ErrorCode.Should().Be(ExternalDataException.InvalidExternalData);
    }

    [Fact]
    public void A_file_outside_the_roots_is_forbidden()
    {
        var outside = Path.Combine(_fixture.Outside, "secret.npy");
        File.WriteAllBytes(outside, [1]);

        Forbidden(ExternalFixture.Uri(outside));
    }

    [Fact]
    public void A_root_that_is_a_prefix_of_the_name_does_not_admit_its_sibling()
    {
        var sibling = _fixture.Root + "2";
        Directory.CreateDirectory(sibling);
        File.WriteAllBytes(Path.Combine(sibling, "x.npy"), [1]);

        Forbidden(ExternalFixture.Uri(Path.Combine(sibling, "x.npy")));
    }

    [Fact]
    public void Dot_dot_cannot_escape_the_root()
    {
        File.WriteAllBytes(Path.Combine(_fixture.Outside, "secret.npy"), [1]);

        Forbidden($"file://localhost{_fixture.Root}/../outside/secret.npy");
        Forbidden($"file://localhost{_fixture.Root}/%2E%2E/outside/secret.npy");
    }

    [Fact]
    public void Dot_dot_that_stays_inside_the_root_is_normalized()
    {
        var path = _fixture.Write("sub/a.npy", [1]);

        _fixture.Policy.Resolve($"file://localhost{_fixture.Root}/sub/../sub/./a.npy").Should().Be(path);
    }

    [Fact]
    public void A_symbolic_link_to_a_file_outside_is_forbidden()
    {
        var secret = Path.Combine(_fixture.Outside, "secret.npy");
        File.WriteAllBytes(secret, [1]);
        var link = Path.Combine(_fixture.Root, "innocent.npy");
        File.CreateSymbolicLink(link, secret);

        Forbidden(ExternalFixture.Uri(link));
    }

    [Fact]
    public void A_symbolic_link_to_a_directory_outside_is_forbidden_for_every_file_below_it()
    {
        File.WriteAllBytes(Path.Combine(_fixture.Outside, "secret.npy"), [1]);
        Directory.CreateSymbolicLink(Path.Combine(_fixture.Root, "linked"), _fixture.Outside);

        Forbidden(ExternalFixture.Uri(Path.Combine(_fixture.Root, "linked", "secret.npy")));
    }

    [Fact]
    public void Dot_dot_after_a_link_applies_to_the_link_target_as_the_kernel_does()
    {
        // root/deep -> outside/a/b, so root/deep/../../secret.npy is outside/secret.npy.
        var deep = Directory.CreateDirectory(Path.Combine(_fixture.Outside, "a", "b")).FullName;
        File.WriteAllBytes(Path.Combine(_fixture.Outside, "secret.npy"), [1]);
        Directory.CreateSymbolicLink(Path.Combine(_fixture.Root, "deep"), deep);

        Forbidden($"file://localhost{_fixture.Root}/deep/../../secret.npy");
    }

    [Fact]
    public void Links_that_stay_inside_resolve_to_the_real_path()
    {
        var target = _fixture.Write("real/a.npy", [1]);
        File.CreateSymbolicLink(Path.Combine(_fixture.Root, "alias.npy"), "real/a.npy");

        _fixture.Policy.Resolve(ExternalFixture.Uri(Path.Combine(_fixture.Root, "alias.npy"))).Should().Be(target);
    }

    [Fact]
    public void A_root_given_through_a_link_admits_the_files_of_its_target()
    {
        var path = _fixture.Write("a.npy", [1]);
        var linkedRoot = Path.Combine(_fixture.TempPath, "root-link");
        Directory.CreateSymbolicLink(linkedRoot, _fixture.Root);
        var policy = new ExternalPathPolicy([linkedRoot]);

        policy.Resolve(ExternalFixture.Uri(Path.Combine(linkedRoot, "a.npy"))).Should().Be(path);
        policy.Resolve(ExternalFixture.Uri(path)).Should().Be(path);
    }

    [Fact]
    public void A_link_loop_is_invalid()
    {
        File.CreateSymbolicLink(Path.Combine(_fixture.Root, "loop1"), Path.Combine(_fixture.Root, "loop2"));
        File.CreateSymbolicLink(Path.Combine(_fixture.Root, "loop2"), Path.Combine(_fixture.Root, "loop1"));

        var act = () => _fixture.Policy.Resolve(ExternalFixture.Uri(Path.Combine(_fixture.Root, "loop1")));

        act.Should().Throw<ExternalDataException>().Which.ErrorCode.Should().Be(ExternalDataException.InvalidExternalData);
    }

    [Fact]
    public void A_missing_file_inside_is_invalid_but_outside_is_forbidden()
    {
        var inside = () => _fixture.Policy.Resolve(ExternalFixture.Uri(Path.Combine(_fixture.Root, "missing.npy")));

        inside.Should().Throw<ExternalDataException>().Which.ErrorCode.Should().Be(ExternalDataException.InvalidExternalData);
        Forbidden(ExternalFixture.Uri(Path.Combine(_fixture.Outside, "missing.npy")));
    }

    [Fact]
    public void Without_roots_everything_is_forbidden()
    {
        var path = _fixture.Write("a.npy", [1]);
        var policy = new ExternalPathPolicy([]);

        var act = () => policy.Resolve(ExternalFixture.Uri(path));

        act.Should().Throw<ExternalDataException>().Which.ErrorCode.Should().Be(ExternalDataException.ForbiddenPath);
    }

    [Fact]
    public void Blank_roots_are_ignored_and_relative_roots_are_made_absolute()
    {
        var policy = new ExternalPathPolicy(["", "  ", _fixture.Root]);

        policy.Roots.Should().Equal(_fixture.Root);
        new ExternalPathPolicy(["relative"]).Roots.Should().Equal(RealPath.Resolve(Path.GetFullPath("relative")));
    }

    [Fact]
    public void The_filesystem_root_as_allowed_root_admits_everything()
    {
        var path = _fixture.Write("a.npy", [1]);

        new ExternalPathPolicy(["/"]).Resolve(ExternalFixture.Uri(path)).Should().Be(path);
    }

    private void Forbidden(string uri)
    {
        var act = () => _fixture.Policy.Resolve(uri);

        act.Should().Throw<ExternalDataException>().Which.ErrorCode.Should().Be(ExternalDataException.ForbiddenPath);
    }
}
