using Fanout.Core;

using YamlDotNet.RepresentationModel;

namespace Fanout.Plans;

/// <summary>Loads and validates a plan: a <c>fanout.yaml</c>, a Contextune <c>plan.yaml</c>, a ccpm epic, or a folder holding one.</summary>
public static class PlanLoader
{
    /// <exception cref="UserInputException">The plan is missing or wrong; <see cref="UserInputException.Problems"/> lists every problem found, each with its position.</exception>
    public static Plan Load(string path, PlanLoadOptions? options = null) => Load(path, options, defaultsOnly: false);

    /// <summary>
    /// Only the run defaults of a <c>fanout.yaml</c> (tracker, agent, setup, ...): what commands that
    /// run no tasks, such as <c>fanout issues</c>, need; a file without tasks is fine here.
    /// </summary>
    /// <exception cref="UserInputException">The file is missing or its defaults are wrong.</exception>
    public static Plan LoadDefaults(string path, PlanLoadOptions? options = null) => Load(path, options, defaultsOnly: true);

    /// <summary>
    /// A plan given as text rather than a file (a planning agent's output), read and validated as
    /// <see cref="Load(string, PlanLoadOptions?)"/> would read the file <paramref name="path"/>: the
    /// same errors, at positions in <paramref name="text"/>, named after <paramref name="path"/>;
    /// <c>file:</c> prompts resolve beside it. Nothing is read from <paramref name="path"/> itself.
    /// </summary>
    /// <exception cref="UserInputException">The text is not a valid plan; every problem with its position.</exception>
    public static Plan LoadText(string text, string path, PlanLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(path);
        return Parse(text, new YamlSource(path, Path.GetFullPath(path)), options ?? new PlanLoadOptions(), new ErrorSink(), defaultsOnly: false);
    }

    /// <summary>Only the run defaults of a <c>fanout.yaml</c> given as text, as <see cref="LoadText"/> reads a whole plan.</summary>
    /// <exception cref="UserInputException">The defaults are wrong; every problem with its position.</exception>
    public static Plan LoadDefaultsText(string text, string path, PlanLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(path);
        return Parse(text, new YamlSource(path, Path.GetFullPath(path)), options ?? new PlanLoadOptions(), new ErrorSink(), defaultsOnly: true);
    }

    private static Plan Load(string path, PlanLoadOptions? options, bool defaultsOnly)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= new PlanLoadOptions();
        var errors = new ErrorSink();
        if (Directory.Exists(path) && PlanDiscovery.Find(path, out _) is { } discovered && Path.GetFileName(discovered) == CcpmEpicReader.EpicFile)
        {
            path = discovered;
        }

        var paths = PlanPaths.For(options.RepositoryRoot, path);
        if (CcpmEpicReader.Find(path) is { } epic)
        {
            return Validated(RunDefaults.Apply(CcpmEpicReader.Read(epic, options, errors, paths), epic, options, errors, paths), epic, options, errors, paths);
        }

        var source = Locate(path, errors) ?? throw new UserInputException(errors.Sorted(path));
        var text = PromptFiles.ReadText(source.FullPath, out var problem);
        if (text is null)
        {
            errors.Add(source.Start, $"plan file '{source.DisplayPath}' cannot be read: {problem}");
            throw new UserInputException(errors.Sorted(source.DisplayPath));
        }

        return Parse(text, source, options, errors, defaultsOnly);
    }

    private static Plan Parse(string text, YamlSource source, PlanLoadOptions options, ErrorSink errors, bool defaultsOnly)
    {
        var paths = PlanPaths.For(options.RepositoryRoot, source.FullPath);
        var reader = new NodeReader(source, errors, paths);
        var root = YamlText.Parse(text, source, errors);
        if (root is not YamlMappingNode mapping)
        {
            if (!errors.Any)
            {
                errors.Add(root is null ? source.Start : source.At(root), "a plan must be a mapping of keys such as 'name:' and 'tasks:'; see 'fanout init' for a starter plan");
            }

            throw new UserInputException(errors.Sorted(source.DisplayPath));
        }

        var draft = IsContextune(mapping, source)
            ? RunDefaults.Apply(ContextunePlanReader.Read(mapping, reader, options), source, options, errors, paths)
            : FanoutPlanReader.Read(mapping, reader, options, defaultsOnly);
        return Validated(draft, source, options, errors, paths);
    }

    private static Plan Validated(PlanDraft draft, YamlSource source, PlanLoadOptions options, ErrorSink errors, PlanPaths paths)
    {
        WorktreeIncludeFile.Check(paths, errors);
        PlanValidator.Validate(draft, options, errors);
        if (errors.Any)
        {
            throw new UserInputException(errors.Sorted(source.DisplayPath));
        }

        return (draft.Plan with { DependencyOrder = PlanGraph.Order(draft.Plan) }).Resolved();
    }

    private static YamlSource? Locate(string path, ErrorSink errors)
    {
        if (File.Exists(path))
        {
            return new YamlSource(path, Path.GetFullPath(path));
        }

        if (Directory.Exists(path))
        {
            if (PlanDiscovery.Find(path, out var problem) is { } found)
            {
                return new YamlSource(found, Path.GetFullPath(found));
            }

            errors.Add(new SourcePosition(path, 1, 1), problem!);
            return null;
        }

        errors.Add(new SourcePosition(path, 1, 1), $"plan file '{path}' not found; give a fanout.yaml, a Contextune plan.yaml, or a folder holding one");
        return null;
    }

    // Contextune always writes a metadata section and keeps its plans under .parallel/plans.
    private static bool IsContextune(YamlMappingNode root, YamlSource source)
    {
        var folder = new DirectoryInfo(source.Folder);
        return root.Children.ContainsKey(new YamlScalarNode("metadata"))
            || folder is { Name: "plans", Parent.Name: ".parallel" };
    }
}
