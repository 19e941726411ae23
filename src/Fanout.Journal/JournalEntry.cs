namespace Fanout.Journal;

/// <summary>An event with its position in the journal, so a follower can ask for what came after it.</summary>
public sealed record JournalEntry(long Seq, RunEvent Event);
