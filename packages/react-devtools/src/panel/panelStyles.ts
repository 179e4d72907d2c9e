/**
 * The panel's stylesheet, rendered inside the devtools' shadow root (the app's CSS does not reach
 * it, and it reaches nothing outside). Theme it with the `--falkit-devtools-*` custom properties,
 * which do cross the shadow boundary: set them on `[data-falkit-devtools]` or any ancestor.
 */
export const panelCss = `
.fkd-panel {
  --bg: var(--falkit-devtools-bg, #18181b);
  --bg-2: var(--falkit-devtools-bg-raised, #27272a);
  --fg: var(--falkit-devtools-fg, #f4f4f5);
  --muted: var(--falkit-devtools-muted, #a1a1aa);
  --border: var(--falkit-devtools-border, #3f3f46);
  --accent: var(--falkit-devtools-accent, #60a5fa);
  --ok: var(--falkit-devtools-success, #4ade80);
  --err: var(--falkit-devtools-error, #f87171);
  --warn: var(--falkit-devtools-warning, #fbbf24);
  --font: var(--falkit-devtools-font, ui-sans-serif, system-ui, -apple-system, sans-serif);
  --mono: var(--falkit-devtools-mono, ui-monospace, SFMono-Regular, Menlo, monospace);
  position: fixed; left: 0; right: 0; bottom: 0; z-index: 2147483001;
  display: flex; flex-direction: column; min-height: 160px; max-height: 95vh;
  background: var(--bg); color: var(--fg); border-top: 1px solid var(--border);
  font: 12px/1.4 var(--font); box-shadow: 0 -4px 16px rgb(0 0 0 / 0.35);
}
.fkd-panel *, .fkd-panel *::before, .fkd-panel *::after { box-sizing: border-box; }
.fkd-panel button, .fkd-panel input, .fkd-panel select { font: inherit; color: inherit; }
.fkd-panel button {
  background: var(--bg-2); border: 1px solid var(--border); border-radius: 4px; padding: 2px 8px;
  cursor: pointer;
}
.fkd-panel button:disabled { opacity: 0.5; cursor: default; }
.fkd-panel input, .fkd-panel select {
  background: var(--bg-2); border: 1px solid var(--border); border-radius: 4px; padding: 2px 6px;
}
.fkd-panel :focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
.fkd-resize { height: 6px; cursor: ns-resize; flex: none; background: transparent; }
.fkd-resize:hover, .fkd-resize:focus-visible { background: var(--accent); }
.fkd-header { display: flex; align-items: center; gap: 8px; padding: 4px 8px; border-bottom: 1px solid var(--border); }
.fkd-title { font-weight: 700; margin: 0; font-size: 13px; }
.fkd-tabs { display: flex; gap: 4px; flex: 1; }
.fkd-tabs [role='tab'][aria-selected='true'] { border-color: var(--accent); color: var(--fg); }
.fkd-body { display: flex; flex: 1; min-height: 0; }
.fkd-list-pane { display: flex; flex-direction: column; width: 46%; min-width: 280px; border-right: 1px solid var(--border); }
.fkd-filters { display: flex; gap: 6px; padding: 6px 8px; flex-wrap: wrap; align-items: center; }
.fkd-filters input[type='search'] { flex: 1; min-width: 120px; }
.fkd-count { color: var(--muted); }
.fkd-scroll { overflow: auto; flex: 1; min-height: 0; position: relative; }
.fkd-list { list-style: none; margin: 0; padding: 0; position: relative; }
.fkd-row {
  position: absolute; left: 0; right: 0; display: flex; align-items: stretch;
  border-bottom: 1px solid var(--border);
}
.fkd-row-main {
  flex: 1; min-width: 0; display: grid; grid-template-columns: minmax(0, 1fr) auto; gap: 0 8px;
  text-align: left; background: transparent !important; border: 0 !important; border-radius: 0 !important;
  padding: 3px 8px !important;
}
.fkd-row[aria-current='true'] { background: var(--bg-2); box-shadow: inset 3px 0 var(--accent); }
.fkd-endpoint { font-family: var(--mono); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.fkd-meta { color: var(--muted); font-family: var(--mono); font-size: 11px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.fkd-status { font-family: var(--mono); font-size: 11px; border-radius: 3px; padding: 0 4px; justify-self: end; }
.fkd-status[data-tone='pending'] { color: var(--accent); }
.fkd-status[data-tone='success'] { color: var(--ok); }
.fkd-status[data-tone='error'] { color: var(--err); }
.fkd-status[data-tone='idle'] { color: var(--muted); }
.fkd-chart { color: var(--accent); vertical-align: middle; }
.fkd-detail { flex: 1; min-width: 0; overflow: auto; padding: 8px; }
.fkd-detail h3 { font-size: 12px; margin: 12px 0 4px; color: var(--muted); text-transform: uppercase; letter-spacing: 0.04em; }
.fkd-detail h2 { font-size: 13px; margin: 0 0 6px; font-family: var(--mono); word-break: break-all; }
.fkd-facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0; }
.fkd-facts dt { color: var(--muted); }
.fkd-facts dd { margin: 0; font-family: var(--mono); word-break: break-all; }
.fkd-actions { display: flex; flex-wrap: wrap; gap: 6px; margin: 8px 0; }
.fkd-note { color: var(--muted); }
.fkd-tree, .fkd-logs { font-family: var(--mono); font-size: 11px; border: 1px solid var(--border); border-radius: 4px; max-height: 260px; }
.fkd-tree-row, .fkd-log-row { position: absolute; left: 0; right: 0; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; padding: 0 6px; }
.fkd-tree-row button { padding: 0 4px; margin-right: 4px; border: 0; background: transparent; min-width: 16px; }
.fkd-key { color: var(--accent); }
.fkd-str { color: var(--ok); }
.fkd-num { color: var(--warn); }
.fkd-media { height: 48px; max-width: 160px; vertical-align: middle; border-radius: 3px; }
.fkd-log-row[data-level='error'], .fkd-log-row[data-level='ERROR'] { color: var(--err); }
.fkd-log-row[data-level='warn'], .fkd-log-row[data-level='warning'], .fkd-log-row[data-level='WARNING'] { color: var(--warn); }
.fkd-log-row[data-level='debug'], .fkd-log-row[data-level='DEBUG'] { color: var(--muted); }
.fkd-log-time { color: var(--muted); margin-right: 6px; }
.fkd-error { color: var(--err); white-space: pre-wrap; margin: 0; }
.fkd-field-errors { margin: 4px 0; padding-left: 18px; }
.fkd-table { width: 100%; border-collapse: collapse; font-family: var(--mono); font-size: 11px; }
.fkd-table th, .fkd-table td { text-align: left; padding: 2px 6px; border-bottom: 1px solid var(--border); white-space: nowrap; }
.fkd-table th { color: var(--muted); font-weight: 600; }
.fkd-emulator { flex: 1; overflow: auto; padding: 8px; display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 12px; align-content: start; }
.fkd-emulator section { min-width: 0; }
.fkd-emulator h2 { font-size: 12px; margin: 0 0 4px; color: var(--muted); text-transform: uppercase; }
.fkd-fault-form { display: flex; flex-wrap: wrap; gap: 6px; align-items: end; margin-bottom: 8px; }
.fkd-fault-form label { display: flex; flex-direction: column; gap: 2px; color: var(--muted); }
.fkd-empty { color: var(--muted); padding: 12px; }
.fkd-sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;
