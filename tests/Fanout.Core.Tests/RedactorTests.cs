using Fanout.Core;

using Shouldly;

using Xunit;

namespace Fanout.Core.Tests;

/// <summary>Token shapes and the values of secret variables are replaced; everything else is left as it was.</summary>
public sealed class RedactorTests
{
    [Theory]
    [InlineData("ghp_", "ghp_0123456789abcdefghijABCDEFGHIJ012345")]
    [InlineData("gho_", "gho_0123456789abcdefghijABCDEFGHIJ012345")]
    [InlineData("ghs_", "ghs_0123456789abcdefghijABCDEFGHIJ012345")]
    [InlineData("ghu_", "ghu_0123456789abcdefghijABCDEFGHIJ012345")]
    [InlineData("ghr_", "ghr_0123456789abcdefghijABCDEFGHIJ012345")]
    [InlineData("github_pat_", "github_pat_11ABCDEFG0123456789abc_0123456789abcdefghijABCDEFGHIJ0123456789abcdefghij")]
    [InlineData("sk-ant-", "sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789AA")]
    [InlineData("sk-proj-", "sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-AbCdEfGhIjKlMnOpQrSt")]
    [InlineData("sk-", "sk-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbCdEfGhIjKl")]
    public void A_token_shape_is_replaced_and_keeps_its_prefix(string prefix, string token)
    {
        var redacted = Redactor.Shapes.Redact($"clone https://x:{token}@github.com/acme/w.git; export KEY={token}.");

        redacted.ShouldNotContain(token);
        redacted.ShouldBe($"clone https://x:{prefix}{Redactor.Mark}@github.com/acme/w.git; export KEY={prefix}{Redactor.Mark}.");
    }

    [Theory]
    [InlineData("task-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbCdEfGhIjKl")]
    [InlineData("sk-learn-upgrade-the-pipeline-to-version-two")]
    [InlineData("fanout/r1/desk-0123456789abcdefghijABCDEFGHIJ012345")]
    [InlineData("ghp_short")]
    [InlineData("a plain line with gh and sk- in it")]
    public void Text_that_only_looks_a_little_like_a_token_is_left_alone(string text)
    {
        Redactor.Shapes.Redact(text).ShouldBeSameAs(text);
    }

    [Fact]
    public void The_values_of_secret_variables_in_the_environment_are_replaced_whatever_their_shape()
    {
        var environment = new Dictionary<string, string?>
        {
            ["GH_ENTERPRISE_TOKEN"] = "enterprise-secret-value-42",
            ["ANTHROPIC_API_KEY"] = "not-shaped-like-a-key",
            ["OPENAI_API_KEY"] = "short",
            ["HOME"] = "/root/home-is-not-secret",
        };
        var redactor = Redactor.FromEnvironment(name => environment.GetValueOrDefault(name));

        var redacted = redactor.Redact("a enterprise-secret-value-42 b not-shaped-like-a-key c short d /root/home-is-not-secret");

        redacted.ShouldBe($"a {Redactor.Mark} b {Redactor.Mark} c short d /root/home-is-not-secret");
    }

    [Fact]
    public void A_value_that_holds_another_is_replaced_whole()
    {
        var redactor = new Redactor(["secret-value", "secret-value-longer"]);

        redactor.Redact("x secret-value-longer y").ShouldBe($"x {Redactor.Mark} y");
    }

    [Fact]
    public void Every_secret_variable_is_removed_and_only_tokens_are_redacted()
    {
        SecretVariables.All.ShouldBe([.. SecretVariables.Tokens, .. SecretVariables.CredentialHelpers]);
        SecretVariables.Tokens.ShouldContain("GH_ENTERPRISE_TOKEN");
        SecretVariables.Tokens.ShouldContain("GITHUB_ENTERPRISE_TOKEN");
        SecretVariables.Tokens.ShouldContain("ANTHROPIC_API_KEY");
        SecretVariables.CredentialHelpers.ShouldContain("GIT_ASKPASS");
        SecretVariables.All.ShouldBeUnique();
    }
}
