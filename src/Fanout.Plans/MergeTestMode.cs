namespace Fanout.Plans;

/// <summary>When the merge queue runs the plan's test command on the integration branch (<c>merge: {test: ...}</c>).</summary>
public enum MergeTestMode
{
    /// <summary>Once, after every merge is done (the default): cheap, names the merged set when it fails.</summary>
    Once,

    /// <summary>After each merge: slower, names the task whose merge broke the tests and takes that merge back.</summary>
    Each,
}
