using System.Globalization;
using System.Text;

using Fanout.Processes;

namespace Fanout.Bench;

/// <summary>A generated repository of about N files of source-like text, in a temp folder removed on dispose.</summary>
public sealed class BenchRepository : IDisposable
{
    private BenchRepository(string parent)
    {
        Parent = parent;
        Path = System.IO.Path.Combine(parent, "repo");
    }

    public string Parent { get; }

    public string Path { get; }

    public static async Task<BenchRepository> CreateAsync(int files, CancellationToken cancellationToken)
    {
        var parent = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "fanout-bench-" + Guid.NewGuid().ToString("N")[..8]);
        var repository = new BenchRepository(parent);
        Directory.CreateDirectory(repository.Path);
        var random = new Random(42);
        for (var i = 0; i < files; i++)
        {
            var folder = System.IO.Path.Combine(repository.Path, $"src{i % 20}", $"mod{i % 7}", $"part{i % 5}");
            Directory.CreateDirectory(folder);
            var text = new StringBuilder();
            for (var line = 0; line < 20 + random.Next(60); line++)
            {
                text.Append(CultureInfo.InvariantCulture, $"let value{line} = compute({random.Next()}, \"{i}\");\n");
            }

            await File.WriteAllTextAsync(System.IO.Path.Combine(folder, $"file{i}.ts"), text.ToString(), cancellationToken);
        }

        await repository.GitAsync(cancellationToken, "init", "--quiet", "--initial-branch=main");
        await repository.GitAsync(cancellationToken, "add", "-A");
        await repository.GitAsync(cancellationToken, "-c", "user.name=Bench", "-c", "user.email=bench@fanout.invalid", "commit", "--quiet", "-m", "generated");
        return repository;
    }

    public async Task<ProcessResult> TryGitAsync(CancellationToken cancellationToken, params string[] arguments) =>
        await ProcessRunner.Instance.RunAsync(new ProcessSpec("git", arguments) { WorkingDirectory = Path }, cancellationToken);

    public async Task<string> GitAsync(CancellationToken cancellationToken, params string[] arguments) =>
        (await TryGitAsync(cancellationToken, arguments)).EnsureSuccess().StandardOutput.Trim();

    public void Dispose()
    {
        try
        {
            Directory.Delete(Parent, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing a finished benchmark for.
        }
    }
}
