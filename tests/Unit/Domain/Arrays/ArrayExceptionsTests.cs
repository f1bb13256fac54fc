using FluentAssertions;
using Tiled.Domain.Arrays;
using Tiled.Domain.Common;
using Xunit;

namespace Tiled.UnitTests.Domain.Arrays;

public sealed class ArrayExceptionsTests
{
    public static TheoryData<DomainException, string> Codes => new()
    {
        { new BlockDoesNotFitException("x"), "block-does-not-fit" },
        { new InvalidSliceException("x"), "invalid-slice" },
        { new InvalidBlockException("x"), "invalid-block" },
        { new InvalidStructureException("x"), "invalid-structure" },
        { new InvalidPatchException("x"), "invalid-patch" },
        { new PayloadSizeMismatchException("x"), "payload-size-mismatch" },
    };

    [Theory]
    [MemberData(nameof(Codes))]
    public void Each_exception_carries_its_stable_error_code(DomainException exception, string code) =>
        exception.ErrorCode.Should().Be(code);

    [Fact]
    public void Block_does_not_fit_appends_the_extend_hint_to_a_message_without_it() =>
        new BlockDoesNotFitException("Patch does not fit.").Message
            .Should().Be("Patch does not fit. Use ?extend=true to extend the array dimensions to fit.");

    [Fact]
    public void Block_does_not_fit_keeps_a_message_that_already_ends_with_the_hint()
    {
        const string message = "Nope. Use ?extend=true to extend the array dimensions to fit.";

        new BlockDoesNotFitException(message).Message.Should().Be(message);
    }
}
