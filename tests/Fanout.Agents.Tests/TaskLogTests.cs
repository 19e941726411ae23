using Fanout.Core;
using Fanout.Processes;
using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Agents.Tests;

/// <summary>A task's log never holds a secret, whoever printed it: the command line, stdout or stderr.</summary>
public sealed class TaskLogTests
{
    [Fact]
    public async Task Every_line_is_redacted_before_it_is_written()
    {
        using var folder = new TempDirectory();
        var path = folder.Combine("logs", "a.log");
        const string Token = "sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789";

        await using (var log = TaskLog.Open(path, new Redactor(["planted-value-123"])))
        {
            log.Header($"agent --key {Token}");
            log.Write(OutputKind.StandardOutput, "printed planted-value-123 here");
            log.Write(OutputKind.StandardError, $"error: bad key {Token}");
        }

        var text = await File.ReadAllTextAsync(path);
        text.ShouldNotContain(Token);
        text.ShouldNotContain("planted-value-123");
        text.ShouldBe($"$ agent --key sk-ant-{Redactor.Mark}\nprinted {Redactor.Mark} here\n! error: bad key sk-ant-{Redactor.Mark}\n");
    }
}
