using FluentAssertions;
using Tiled.Application.Common.Errors;
using Tiled.Application.Principals;
using Tiled.Domain.Principals;
using Tiled.UnitTests.TestKit;
using Xunit;

namespace Tiled.UnitTests.Application.Principals;

public sealed class ApiKeyUseCaseTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly InMemoryPrincipalStore _store = new();
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_new_key_is_72_hex_characters_stored_only_as_its_hash_and_authenticates()
    {
        var user = await _store.CreatePrincipalAsync(PrincipalType.User, Role.User, "ada", Ct);

        var created = await Create(user, null);

        created.Secret.Should().MatchRegex("^[0-9a-f]{72}$");
        created.Key.FirstEight.Should().Be(created.Secret[..8]);
        created.Key.Scopes.Should().Equal(Scopes.Inherit);
        var stored = await _store.FindKeyAsync(created.Key.FirstEight, Ct);
        stored!.HashedSecret.Should().Equal(ApiKeySecrets.Hash(created.Secret));
        var identity = await Authenticator().AuthenticateAsync(created.Secret, Ct);
        identity!.Principal.Should().Be(user.Uuid);
        identity.Scopes.Should().BeEquivalentTo(Role.User.Scopes, "inherit stands for the principal's scopes");
    }

    [Fact]
    public async Task A_key_holds_only_the_scopes_it_names()
    {
        var user = await _store.CreatePrincipalAsync(PrincipalType.User, Role.User, null, Ct);
        var created = await Create(user, [Scopes.ReadMetadata, Scopes.ReadData]);

        (await Authenticator().AuthenticateAsync(created.Secret, Ct))!.Scopes.Should().BeEquivalentTo([Scopes.ReadMetadata, Scopes.ReadData]);
    }

    [Fact]
    public async Task Scopes_beyond_the_principal_are_forbidden()
    {
        var user = await _store.CreatePrincipalAsync(PrincipalType.User, Role.User, null, Ct);

        var create = () => Create(user, [Scopes.ReadData, Scopes.AdminApiKeys]);

        (await create.Should().ThrowAsync<ForbiddenException>()).Which.Message.Should().Contain(Scopes.AdminApiKeys);
        (await _store.FindPrincipalAsync(user.Uuid, Ct))!.ApiKeys.Should().BeEmpty();
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-key")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef01234567")]
    public async Task Anything_but_a_stored_secret_authenticates_nobody(string secret) =>
        (await Authenticator().AuthenticateAsync(secret, Ct)).Should().BeNull();

    [Fact]
    public async Task A_secret_with_the_right_first_eight_but_another_hash_is_refused()
    {
        var user = await _store.CreatePrincipalAsync(PrincipalType.User, Role.User, null, Ct);
        var created = await Create(user, null);
        var forged = created.Secret[..8] + new string('0', 64);

        (await Authenticator().AuthenticateAsync(forged, Ct)).Should().BeNull();
    }

    [Fact]
    public async Task An_expired_key_is_refused_and_removed()
    {
        var user = await _store.CreatePrincipalAsync(PrincipalType.User, Role.User, null, Ct);
        var created = await new CreateApiKeyHandler(_store, _clock).Handle(new CreateApiKeyCommand(user.Uuid, null, 60, null, null), Ct);
        (await Authenticator().AuthenticateAsync(created.Secret, Ct))!.Principal.Should().Be(user.Uuid, "the key is valid before it expires");

        _clock.Advance(TimeSpan.FromSeconds(61));

        (await Authenticator().AuthenticateAsync(created.Secret, Ct)).Should().BeNull();
        (await _store.FindKeyAsync(created.Key.FirstEight, Ct)).Should().BeNull();
    }

    [Fact]
    public async Task A_revoked_key_is_refused_and_revoking_it_again_is_not_found()
    {
        var user = await _store.CreatePrincipalAsync(PrincipalType.User, Role.User, null, Ct);
        var created = await Create(user, null);
        var revoke = new RevokeApiKeyHandler(_store);

        await revoke.Handle(new RevokeApiKeyCommand(user.Uuid, created.Key.FirstEight), Ct);

        (await Authenticator().AuthenticateAsync(created.Secret, Ct)).Should().BeNull();
        await FluentActions.Awaiting(() => revoke.Handle(new RevokeApiKeyCommand(user.Uuid, created.Key.FirstEight), Ct))
            .Should().ThrowAsync<NotFoundException>();
    }

    [Fact]
    public async Task Nobody_revokes_another_principals_key_through_their_own()
    {
        var owner = await _store.CreatePrincipalAsync(PrincipalType.User, Role.User, null, Ct);
        var other = await _store.CreatePrincipalAsync(PrincipalType.User, Role.User, null, Ct);
        var created = await Create(owner, null);

        await FluentActions.Awaiting(() => new RevokeApiKeyHandler(_store).Handle(new RevokeApiKeyCommand(other.Uuid, created.Key.FirstEight), Ct))
            .Should().ThrowAsync<NotFoundException>();
        (await Authenticator().AuthenticateAsync(created.Secret, Ct))!.Principal.Should().Be(owner.Uuid, "the owner's key still authenticates its owner");
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-5L)]
    public async Task A_lifetime_that_is_not_positive_is_refused(long seconds)
    {
        var user = await _store.CreatePrincipalAsync(PrincipalType.User, Role.User, null, Ct);

        await FluentActions.Awaiting(() => new CreateApiKeyHandler(_store, _clock).Handle(new CreateApiKeyCommand(user.Uuid, null, seconds, null, null), Ct))
            .Should().ThrowAsync<InvalidRequestException>();
    }

    [Fact]
    public async Task A_principal_has_at_most_100_keys()
    {
        var user = await _store.CreatePrincipalAsync(PrincipalType.User, Role.User, null, Ct);
        for (var i = 0; i < CreateApiKeyHandler.KeyLimit; i++)
        {
            await Create(user, null);
        }

        await FluentActions.Awaiting(() => Create(user, null)).Should().ThrowAsync<InvalidRequestException>().WithMessage("*100*");
    }

    private Task<NewApiKey> Create(Principal principal, IReadOnlyList<string>? scopes) =>
        new CreateApiKeyHandler(_store, _clock).Handle(new CreateApiKeyCommand(principal.Uuid, scopes, null, null, null), Ct);

    private ApiKeyAuthenticator Authenticator() => new(_store, _clock);
}
