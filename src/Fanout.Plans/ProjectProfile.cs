using System.Text.Json;

namespace Fanout.Plans;

/// <summary>What <c>fanout init</c> learned about a project: its kind, how to set a fresh checkout up, how to test it, which local files to carry over.</summary>
public sealed record ProjectProfile(string Kind, string? Setup, string? Test, IReadOnlyList<string> Include)
{
    /// <summary>Local files that are usually ignored and that a fresh worktree still needs.</summary>
    public static IReadOnlyList<string> LocalFiles { get; } =
        [".env", ".env.local", ".env.development.local", ".env.test.local", "appsettings.Development.json", ".npmrc", "local.settings.json"];

    private static readonly string[] DotNetFiles = ["*.slnx", "*.sln", "*.csproj", "*.fsproj"];

    private static readonly string[] MakeFiles = ["Makefile", "makefile", "GNUmakefile"];

    /// <summary>The first build system found at the project's top, in the order a user would name it.</summary>
    public static ProjectProfile Detect(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        var include = LocalFiles.Where(f => File.Exists(Path.Combine(root, f))).ToArray();
        var profile = Npm(root) ?? DotNet(root) ?? Python(root) ?? Cargo(root) ?? Go(root) ?? Make(root) ?? new ProjectProfile("unknown", null, null, []);
        return profile with { Include = include };
    }

    private static bool Has(string root, string file) => File.Exists(Path.Combine(root, file));

    private static ProjectProfile? Npm(string root)
    {
        if (!Has(root, "package.json"))
        {
            return null;
        }

        var (manager, install) = Has(root, "pnpm-lock.yaml") ? ("pnpm", "pnpm install --frozen-lockfile")
            : Has(root, "yarn.lock") ? ("yarn", "yarn install --frozen-lockfile")
            : Has(root, "package-lock.json") || Has(root, "npm-shrinkwrap.json") ? ("npm", "npm ci")
            : ("npm", "npm install");
        return new ProjectProfile("npm", install, HasTestScript(Path.Combine(root, "package.json")) ? $"{manager} test" : null, []);
    }

    // npm init writes a test script that always fails; it is no test.
    private static bool HasTestScript(string packageJson)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(packageJson));
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("scripts", out var scripts)
                && scripts.ValueKind == JsonValueKind.Object
                && scripts.TryGetProperty("test", out var test)
                && test.ValueKind == JsonValueKind.String
                && !(test.GetString() ?? string.Empty).Contains("no test specified", StringComparison.Ordinal);
        }
        catch (Exception error) when (error is JsonException or IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static ProjectProfile? DotNet(string root)
    {
        var found = DotNetFiles
            .SelectMany(p => Directory.EnumerateFiles(root, p, SearchOption.TopDirectoryOnly))
            .Any();
        return found ? new ProjectProfile("dotnet", "dotnet restore", "dotnet test --no-restore", []) : null;
    }

    private static ProjectProfile? Python(string root)
    {
        var venv = "python3 -m venv .venv && .venv/bin/pip install --quiet";
        if (Has(root, "pyproject.toml") || Has(root, "setup.py"))
        {
            var extras = Has(root, "requirements-dev.txt") ? " && .venv/bin/pip install --quiet -r requirements-dev.txt" : string.Empty;
            return new ProjectProfile("python", $"{venv} -e . pytest{extras}", ".venv/bin/python -m pytest", []);
        }

        return Has(root, "requirements.txt")
            ? new ProjectProfile("python", $"{venv} -r requirements.txt pytest", ".venv/bin/python -m pytest", [])
            : null;
    }

    private static ProjectProfile? Cargo(string root) =>
        Has(root, "Cargo.toml") ? new ProjectProfile("cargo", "cargo fetch", "cargo test", []) : null;

    private static ProjectProfile? Go(string root) =>
        Has(root, "go.mod") ? new ProjectProfile("go", "go mod download", "go test ./...", []) : null;

    private static ProjectProfile? Make(string root)
    {
        var makefile = MakeFiles.Select(f => Path.Combine(root, f)).FirstOrDefault(File.Exists);
        if (makefile is null)
        {
            return null;
        }

        var lines = File.ReadAllLines(makefile);
        var test = lines.Any(l => l.StartsWith("test:", StringComparison.Ordinal)) ? "make test"
            : lines.Any(l => l.StartsWith("check:", StringComparison.Ordinal)) ? "make check" : null;
        return new ProjectProfile("make", null, test, []);
    }
}
