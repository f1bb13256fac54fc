using System.Reflection;
using FluentAssertions;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Tiled.Application;
using Xunit;

namespace Tiled.UnitTests.Architecture;

/// <summary>Dependencies point inward only, and every use case is wired exactly once.</summary>
public sealed class LayerTests
{
    private static readonly Assembly Formats = typeof(Tiled.Formats.DataTypes.DataType).Assembly;
    private static readonly Assembly Domain = typeof(Tiled.Domain.Nodes.Node).Assembly;
    private static readonly Assembly ApplicationLayer = typeof(DependencyInjection).Assembly;
    private static readonly Assembly Client = typeof(Tiled.Client.TiledClient).Assembly;

    private static string[] References(Assembly assembly) =>
        assembly.GetReferencedAssemblies().Select(a => a.Name ?? "").ToArray();

    /// <summary>The one package is MessagePack-CSharp, under our msgpack adapters (ADR 0017).</summary>
    [Fact]
    public void Formats_references_nothing_of_ours_and_no_package_but_messagepack_apache_arrow_and_parquet()
    {
        References(Formats).Should().OnlyContain(n =>
            n.StartsWith("System", StringComparison.Ordinal) || n == "netstandard" || n == "MessagePack" || n.StartsWith("Apache.Arrow", StringComparison.Ordinal)
            || n == "ParquetSharp");
    }

    [Fact]
    public void Domain_references_only_formats_and_the_framework()
    {
        References(Domain).Should().OnlyContain(n => n.StartsWith("System", StringComparison.Ordinal) || n == "Tiled.Formats");
    }

    [Fact]
    public void Application_does_not_reference_infrastructure_ef_core_or_redis()
    {
        References(ApplicationLayer).Should().NotContain(n =>
            n.StartsWith("Tiled.Infrastructure", StringComparison.Ordinal) || n.StartsWith("Tiled.Api", StringComparison.Ordinal)
            || n.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal) || n.StartsWith("StackExchange", StringComparison.Ordinal)
            || n.StartsWith("Npgsql", StringComparison.Ordinal));
    }

    [Fact]
    public void Client_does_not_reference_the_server()
    {
        References(Client).Should().NotContain(["Tiled.Domain", "Tiled.Application", "Tiled.Infrastructure", "tiled"]);
    }

    [Fact]
    public void Every_request_has_exactly_one_registered_handler()
    {
        var services = new ServiceCollection().AddTiledApplication();
        var requests = ApplicationLayer.GetTypes()
            .Select(t => (Type: t, Response: t.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>))))
            .Where(r => r.Response is not null && !r.Type.IsAbstract)
            .ToList();

        requests.Should().NotBeEmpty();
        foreach (var (type, response) in requests)
        {
            var handler = typeof(IRequestHandler<,>).MakeGenericType(type, response!.GetGenericArguments()[0]);
            services.Count(d => d.ServiceType == handler).Should().Be(1, $"{type.Name} needs one handler");
        }
    }

    [Fact]
    public void Every_validator_is_registered()
    {
        var services = new ServiceCollection().AddTiledApplication();
        var validators = ApplicationLayer.GetTypes()
            .Where(t => !t.IsAbstract && t.BaseType is { IsGenericType: true } b && b.GetGenericTypeDefinition() == typeof(FluentValidation.AbstractValidator<>));

        validators.Should().NotBeEmpty();
        foreach (var validator in validators)
        {
            services.Should().Contain(d => d.ImplementationType == validator, $"{validator.Name} must be registered");
        }
    }
}
