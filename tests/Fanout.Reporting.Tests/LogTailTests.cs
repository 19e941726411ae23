using System.Text;

using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Reporting.Tests;

public sealed class LogTailTests : IDisposable
{
    private readonly TempDirectory _temp = new("fanout-tail");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Follows_a_log_that_appears_and_grows_until_its_writer_is_done_and_prints_every_line_once()
    {
        var file = _temp.Combine("logs", "task.log");
        var output = new StringWriter();
        var done = 0;
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var writer = Task.Run(
            async () =>
            {
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                for (var i = 1; i <= 50; i++)
                {
                    await File.AppendAllTextAsync(file, $"line {i} é\n", guard.Token);
                    await Task.Delay(1, guard.Token);
                }

                Volatile.Write(ref done, 1);
            },
            guard.Token);

        await new LogTail(file, output).FollowAsync(_ => Task.FromResult(Volatile.Read(ref done) == 1), TimeSpan.FromMilliseconds(5), TimeProvider.System, guard.Token);
        await writer;

        output.ToString().ShouldBe(string.Concat(Enumerable.Range(1, 50).Select(i => $"line {i} é\n")));
    }

    [Fact]
    public async Task A_character_split_across_two_reads_comes_out_whole()
    {
        var file = _temp.Combine("split.log");
        var bytes = Encoding.UTF8.GetBytes("→ done\n");
        var output = new StringWriter();
        var tail = new LogTail(file, output);

        await File.WriteAllBytesAsync(file, bytes[..1]);
        await tail.CopyNewAsync(CancellationToken.None);
        await using (var stream = new FileStream(file, FileMode.Append))
        {
            await stream.WriteAsync(bytes.AsMemory(1));
        }

        await tail.CopyNewAsync(CancellationToken.None);

        output.ToString().ShouldBe("→ done\n");
    }

    [Fact]
    public async Task Cancelling_stops_a_follow_whose_writer_never_finishes()
    {
        var file = _temp.Write("idle.log", "started\n");
        var output = new StringWriter();
        using var cancel = new CancellationTokenSource();

        var follow = new LogTail(file, output).FollowAsync(
            async token =>
            {
                if (output.ToString().Length > 0)
                {
                    await cancel.CancelAsync();
                }

                return false;
            },
            TimeSpan.FromMilliseconds(5),
            TimeProvider.System,
            cancel.Token);

        await Should.ThrowAsync<OperationCanceledException>(follow);
        output.ToString().ShouldBe("started\n");
    }
}
