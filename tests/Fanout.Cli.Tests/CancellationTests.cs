using Fanout.Processes;
using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Cli.Tests;

public sealed class CancellationTests
{
    [Fact]
    public async Task Ctrl_c_stops_the_agents_journals_the_run_as_cancelled_and_exits_130()
    {
        using var repository = await GitRepository.CreateAsync();
        var agent = """[sh, -c, 'echo $$ > "$FANOUT_LOG_FILE.pid"; sleep 120']""";
        repository.Write("fanout.yaml", PlanText.Plan(2, agent));

        // A shell stands in for the terminal: it starts fanout, waits for both agents, then sends SIGINT.
        // Job control (set -m) keeps SIGINT deliverable: without it, sh starts background jobs with SIGINT ignored.
        var script = $$"""
            set -m
            dotnet '{{FanoutCli.Dll}}' run fanout.yaml > out.txt 2> err.txt &
            fanout=$!
            for i in $(seq 1 600); do
              [ "$(ls .git/fanout/runs/*/logs/*.pid 2>/dev/null | wc -l)" -ge 2 ] && break
              sleep 0.1
            done
            kill -INT $fanout
            wait $fanout
            echo "exit=$?"
            for pid in $(cat .git/fanout/runs/*/logs/*.pid); do kill -0 $pid 2>/dev/null && echo "alive=$pid"; done
            exit 0
            """;
        var result = await ProcessRunner.Instance.RunAsync(new ProcessSpec("bash", ["-c", script]) { WorkingDirectory = repository.Path, Timeout = TimeSpan.FromMinutes(3) }, CancellationToken.None);

        result.StandardOutput.ShouldContain("exit=130");
        result.StandardOutput.ShouldNotContain("alive=");
        var status = await FanoutCli.RunAsync(repository.Path, "status", "--json");
        status.StandardOutput.ShouldContain("\"state\": \"cancelled\"");
    }
}
