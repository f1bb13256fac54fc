using Xunit;

namespace Tiled.IntegrationTests.Browser;

/// <summary>Browser tests share one Chromium and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
