namespace Fanout.Planning;

/// <summary>
/// The setup and test commands a project's own files name: what a plan written for it should run in
/// every worktree. Null where nothing is recognised; the user fills those in.
/// </summary>
public static class ProjectCommands
{
    public static (string? Setup, string? Test) Detect(string root)
    {
        ArgumentNullException.ThrowIfNull(root);
        bool Has(string name) => File.Exists(Path.Combine(root, name));
        bool Any(string pattern) => Directory.EnumerateFiles(root, pattern, SearchOption.TopDirectoryOnly).Any();
        if (Has("package.json"))
        {
            var setup = Has("package-lock.json") ? "npm ci" : Has("pnpm-lock.yaml") ? "pnpm install --frozen-lockfile" : Has("yarn.lock") ? "yarn install --frozen-lockfile" : "npm install";
            return (setup, setup.StartsWith("pnpm", StringComparison.Ordinal) ? "pnpm test" : setup.StartsWith("yarn", StringComparison.Ordinal) ? "yarn test" : "npm test");
        }

        if (Any("*.sln") || Any("*.slnx") || Any("*.csproj"))
        {
            return ("dotnet restore", "dotnet test");
        }

        if (Has("Cargo.toml"))
        {
            return ("cargo fetch", "cargo test");
        }

        if (Has("go.mod"))
        {
            return ("go mod download", "go test ./...");
        }

        if (Has("pyproject.toml") || Has("setup.py"))
        {
            return ("pip install -e .", "python -m pytest");
        }

        if (Has("requirements.txt"))
        {
            return ("pip install -r requirements.txt", "python -m pytest");
        }

        if (Has("Makefile") && File.ReadAllLines(Path.Combine(root, "Makefile")).Any(line => line.StartsWith("test:", StringComparison.Ordinal)))
        {
            return (null, "make test");
        }

        return (null, null);
    }
}
