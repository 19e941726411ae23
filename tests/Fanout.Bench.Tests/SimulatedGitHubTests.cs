using System.Diagnostics;
using System.Net.Http.Headers;

using Fanout.Simulation.GitHub;

using Shouldly;

using Xunit;

namespace Fanout.Bench.Tests;

public sealed class SimulatedGitHubTests
{
    [Fact]
    public async Task Every_answer_takes_the_set_latency_and_answers_overlap()
    {
        await using var server = SimulatedGitHubServer.Start(new SimulatedGitHubOptions { Latency = TimeSpan.FromMilliseconds(400) });
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("token", server.Options.Token);
        client.DefaultRequestHeaders.UserAgent.ParseAdd("fanout-tests");

        var clock = Stopwatch.StartNew();
        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.GetAsync(new Uri($"repos/{server.Repository}", UriKind.Relative))));

        answers.ShouldAllBe(a => a.IsSuccessStatusCode);
        clock.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(390));
        server.Requests.Count.ShouldBe(4);
        foreach (var answer in answers)
        {
            answer.Dispose();
        }
    }
}
