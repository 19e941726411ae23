namespace Fanout.Reporting.Report;

/// <summary>The report's inline style sheet: system fonts only, sized for a laptop screen.</summary>
internal static class HtmlStyle
{
    public const string Css = """
        :root { color-scheme: light; --ink: #1f2937; --muted: #6b7280; --line: #e5e7eb; }
        * { box-sizing: border-box; }
        body { margin: 0; padding: 20px 28px; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--ink); background: #fff; }
        h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 16px; margin: 22px 0 8px; }
        header p { margin: 0; color: var(--muted); }
        .state { font-size: 13px; padding: 2px 8px; border-radius: 10px; vertical-align: middle; background: #e5e7eb; }
        .state.succeeded { background: #dcfce7; color: #166534; } .state.failed { background: #fee2e2; color: #991b1b; } .state.cancelled { background: #fef3c7; color: #92400e; }
        .metrics { display: flex; flex-wrap: wrap; gap: 10px; margin-top: 16px; }
        .metric { border: 1px solid var(--line); border-radius: 8px; padding: 8px 12px; min-width: 150px; }
        .metric .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
        .metric .value { font-size: 20px; font-weight: 600; font-variant-numeric: tabular-nums; }
        .metric .note { color: var(--muted); font-size: 12px; }
        .legend { display: flex; flex-wrap: wrap; gap: 14px; margin-bottom: 8px; font-size: 13px; }
        .legend i, .swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px; margin-right: 5px; vertical-align: -1px; }
        .legend i.setup-key { width: 3px; background: #dc2626; } .legend i.failed-key { border: 2px solid #b91c1c; background: #fff; }
        .timeline { max-height: 72vh; overflow: auto; border: 1px solid var(--line); border-radius: 8px; }
        .timeline svg { display: block; flex: none; max-width: none; } .timeline svg.axis { position: sticky; top: 0; background: #fff; border-bottom: 1px solid var(--line); z-index: 1; }
        .tick { stroke: #9ca3af; } .grid { stroke: #f1f5f9; }
        .tick-label { font-size: 11px; fill: var(--muted); text-anchor: middle; } .tick-label.start { text-anchor: start; } .axis-title { font-size: 11px; fill: var(--muted); text-anchor: end; }
        .row.stripe { fill: #f9fafb; } .row.critical { fill: #fef9c3; }
        .label { font-size: 12px; text-anchor: end; fill: var(--ink); } .state-tag { fill: var(--muted); font-size: 10px; }
        .task.failed .label, .task.conflicted .label { fill: #b91c1c; } .task.blocked .label { fill: #b45309; } .task.critical .label { font-weight: 700; }
        .bar.failed { stroke: #b91c1c; stroke-width: 2; } .appeared { stroke: #111827; stroke-width: 2; }
        .setup { stroke: #dc2626; stroke-width: 2; stroke-dasharray: 5 3; } .setup-label { font-size: 11px; fill: #dc2626; font-weight: 600; }
        table { border-collapse: collapse; font-size: 13px; } th, td { text-align: left; padding: 4px 12px 4px 0; border-bottom: 1px solid var(--line); }
        td { font-variant-numeric: tabular-nums; } td.path { color: var(--muted); font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12px; }
        """;
}
