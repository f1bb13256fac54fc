using FluentAssertions;
using Tiled.Infrastructure.Persistence.Search;
using Xunit;

namespace Tiled.UnitTests.Infrastructure.Persistence;

public sealed class SqliteSearchDialectTests
{
    [Theory]
    [InlineData("Ni%", "Ni*")]
    [InlineData("a_c", "a?c")]
    [InlineData("100\\%", "100%")]
    [InlineData("a*b?[c]", "a[*]b[?][[]c]")]
    [InlineData("\\_x\\\\", "_x\\")]
    public void Like_patterns_become_case_sensitive_globs(string like, string glob) =>
        SqliteSearchDialect.Glob(like).Should().Be(glob);

    [Fact]
    public void Full_text_words_become_quoted_fts5_strings() =>
        SqliteSearchDialect.FtsQuery("cat  \"dog\" foo-bar").Should().Be("\"cat\" \"\"\"dog\"\"\" \"foo-bar\"");
}
