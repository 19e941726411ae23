using System.Globalization;

using Fanout.Journal;
using Fanout.Processes;

using Shouldly;

using Xunit;

namespace Fanout.Distributed.Tests;

/// <summary>
/// A worker in its own network namespace, as another machine: it reaches PostgreSQL and the git
/// remote (served by <c>git daemon</c>) only over a veth pair with test addresses of its own
/// (10.203.x.y/30). Needs root and <c>ip netns</c>, as CI has.
/// </summary>
[Collection(Serial.Name)]
public sealed class NetworkNamespaceTests
{
    [Fact]
    public async Task A_worker_in_its_own_network_namespace_reaches_the_database_and_the_remote_over_the_network_and_runs_the_tasks()
    {
        await using var network = await TestNetwork.CreateAsync();
        await using var rig = await DistributedRig.CreateAsync();
        await rig.InitAsync(DistributedRig.Plan(4, agentSeconds: 0.2));
        await using var daemon = await GitDaemon.StartAsync(network.HostAddress, rig.Remote);
        await DistributedRig.GitAsync(rig.Repository, "remote", "set-url", "origin", daemon.Url);
        await rig.StartWorkerAsync("far", slots: 2, database: rig.Database.Through(network.HostAddress), netns: network.Namespace);

        var result = await rig.RunAsync();

        result.ExitCode.ShouldBe(0, $"{result.StandardOutput}\n{result.StandardError}\n{rig.WorkerOutput}");
        var run = await rig.RunSnapshotAsync();
        run.Info.Remote.ShouldBe(daemon.Url);
        run.Tasks.ShouldAllBe(task => task.State == TaskState.Succeeded && task.Worker == "far");
        var heads = await rig.RemoteHeadsAsync();
        run.Tasks.ShouldAllBe(task => heads.ContainsKey(task.Branch!), "the branches were pushed over git://");
        var password = new global::Npgsql.NpgsqlConnectionStringBuilder(rig.Database.ConnectionString).Password!;
        rig.Workers.Single().Output.ShouldNotContain(password, Case.Sensitive, "the worker never prints the database password");
    }

    /// <summary>A namespace joined to this one by a veth pair: 10.203.N.1 here, 10.203.N.2 there, nothing else routed.</summary>
    private sealed class TestNetwork : IAsyncDisposable
    {
        private readonly string _hostLink;

        private TestNetwork(string name, string hostLink, int subnet)
        {
            Namespace = name;
            _hostLink = hostLink;
            HostAddress = $"10.203.{subnet}.1";
        }

        public string Namespace { get; }

        public string HostAddress { get; }

        public static async Task<TestNetwork> CreateAsync()
        {
            var subnet = Random.Shared.Next(1, 250);
            var id = subnet.ToString(CultureInfo.InvariantCulture) + "-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
            var network = new TestNetwork($"fanout-{id}", $"fo{subnet}h{Environment.ProcessId % 1000}", subnet);
            var peer = $"fo{subnet}n{Environment.ProcessId % 1000}";
            await IpAsync("netns", "add", network.Namespace);
            await IpAsync("link", "add", network._hostLink, "type", "veth", "peer", "name", peer);
            await IpAsync("link", "set", peer, "netns", network.Namespace);
            await IpAsync("addr", "add", $"{network.HostAddress}/30", "dev", network._hostLink);
            await IpAsync("link", "set", network._hostLink, "up");
            await IpAsync("netns", "exec", network.Namespace, "ip", "addr", "add", $"10.203.{subnet}.2/30", "dev", peer);
            await IpAsync("netns", "exec", network.Namespace, "ip", "link", "set", peer, "up");
            await IpAsync("netns", "exec", network.Namespace, "ip", "link", "set", "lo", "up");
            return network;
        }

        public async ValueTask DisposeAsync()
        {
            await TryIpAsync("link", "del", _hostLink);
            await TryIpAsync("netns", "del", Namespace);
        }

        private static async Task IpAsync(params string[] arguments)
        {
            var result = await TryIpAsync(arguments);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"ip {string.Join(' ', arguments)} failed ({result.ExitCode}): {result.StandardError.Trim()}; this test needs root and ip netns (iproute2)");
            }
        }

        private static Task<ProcessResult> TryIpAsync(params string[] arguments) =>
            ProcessRunner.Instance.RunAsync(new ProcessSpec("ip", arguments), CancellationToken.None);
    }

    /// <summary><c>git daemon</c> serving the remote (push enabled) on the host end of the veth pair only.</summary>
    private sealed class GitDaemon : IAsyncDisposable
    {
        private readonly System.Diagnostics.Process _process;

        private GitDaemon(System.Diagnostics.Process process, string url)
        {
            _process = process;
            Url = url;
        }

        public string Url { get; }

        public static async Task<GitDaemon> StartAsync(string address, string repository)
        {
            var port = FreePort();
            var start = new System.Diagnostics.ProcessStartInfo("git") { UseShellExecute = false, RedirectStandardError = true };
            foreach (var argument in new[] { "daemon", "--reuseaddr", "--export-all", "--enable=receive-pack", $"--listen={address}", $"--port={port}", $"--base-path={Path.GetDirectoryName(repository)}", Path.GetDirectoryName(repository)! })
            {
                start.ArgumentList.Add(argument);
            }

            var process = System.Diagnostics.Process.Start(start)!;
            var url = $"git://{address}:{port}/{Path.GetFileName(repository)}";
            for (var attempt = 0; attempt < 100; attempt++)
            {
                var probe = await ProcessRunner.Instance.RunAsync(new ProcessSpec("git", ["ls-remote", url]), CancellationToken.None);
                if (probe.Succeeded)
                {
                    return new GitDaemon(process, url);
                }

                await Task.Delay(100);
            }

            process.Kill();
            throw new InvalidOperationException($"git daemon did not serve {url}");
        }

        public async ValueTask DisposeAsync()
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            _process.Dispose();
        }

        private static int FreePort()
        {
            using var socket = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            socket.Start();
            return ((System.Net.IPEndPoint)socket.LocalEndpoint).Port;
        }
    }
}
