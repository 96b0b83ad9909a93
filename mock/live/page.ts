import { CLIENT_SCRIPT } from './client.ts';

/**
 * A chart made ready to be cloned once per machine: the XML prologue and Graphviz's own ids go
 * (they would repeat on the page); each state keeps its id as `data-state`.
 */
export function embeddable(svg: string): string {
  return svg
    .slice(svg.indexOf('<svg'))
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/\sid="state:([^"]*)"/g, ' data-state="$1"')
    .replace(/\sid="[^"]*"/g, '')
    .replace(/<svg width="[^"]*" height="[^"]*"/, '<svg');
}

const STYLE = `
  :root { --current: #ffcc4d; --current-stroke: #c2410c; --muted: #6b7280; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 14px/1.4 system-ui, sans-serif; color: #111827; background: #f3f4f6; }
  header { padding: 10px 16px; background: #111827; color: white; display: flex; gap: 16px; align-items: baseline; }
  header h1 { font-size: 16px; margin: 0; }
  #status { color: #9ca3af; font-size: 12px; }
  #status.live { color: #86efac; }
  main { display: grid; grid-template-columns: minmax(0, 1fr) 360px; gap: 12px; padding: 12px; }
  #machines h2 { font-size: 13px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); margin: 12px 0 6px; }
  .group { display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); gap: 10px; }
  .group.cluster { grid-template-columns: minmax(0, 640px); }
  .card { background: white; border-radius: 6px; padding: 8px 10px; box-shadow: 0 1px 2px rgba(0,0,0,.08); transition: box-shadow .3s; }
  .card.changed { box-shadow: 0 0 0 3px var(--current); }
  .card h3 { margin: 0; font-size: 14px; display: flex; justify-content: space-between; gap: 8px; }
  .card h3 .state { font-weight: normal; color: var(--current-stroke); font-family: ui-monospace, monospace; font-size: 12px; }
  .card svg { width: 100%; height: auto; max-height: 240px; }
  .card.certificate svg { max-height: 150px; }
  g[data-state].current > path, g[data-state].current > ellipse, g[data-state].current > polygon { fill: var(--current); stroke: var(--current-stroke); stroke-width: 2; }
  g[data-state].current > text { font-weight: bold; }
  g.cluster[data-state].current > polygon { fill: #fff7e0; stroke-width: 1.5; }
  #timeline { background: white; border-radius: 6px; padding: 8px 10px; box-shadow: 0 1px 2px rgba(0,0,0,.08); max-height: calc(100vh - 80px); overflow-y: auto; position: sticky; top: 12px; }
  #timeline h2 { font-size: 13px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); margin: 4px 0 8px; }
  #timeline ol { list-style: none; margin: 0; padding: 0 0 0 10px; border-left: 2px solid #e5e7eb; }
  #timeline li { position: relative; padding: 3px 0 3px 10px; font-size: 12px; }
  #timeline li::before { content: ''; position: absolute; left: -16px; top: 8px; width: 8px; height: 8px; border-radius: 50%; background: #9ca3af; }
  #timeline li.fresh::before { background: var(--current-stroke); }
  #timeline li.reset { color: var(--muted); font-style: italic; }
  #timeline .type { font-weight: 600; }
  #timeline .meta { color: var(--muted); font-family: ui-monospace, monospace; font-size: 11px; }
`;

let page: Promise<string> | undefined;

/**
 * The live page: the charts inline, the client script inline, nothing fetched but the feed. The
 * charts' renderer (a WebAssembly Graphviz) is loaded on the page's first request, not at start.
 */
export function livePage(): Promise<string> {
  page ??= import('../../charts/index.ts').then(async ({ chartFiles, CHARTED }) => {
    const files = await chartFiles();
    const templates = Object.keys(CHARTED)
      .map((name) => `<template id="chart-${name}">${embeddable(files.get(`${name}.svg`)!)}</template>`)
      .join('\n');
    return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Mock cluster — live</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>Mock cluster — live view of its machines</h1><span id="status">connecting…</span></header>
<main>
  <section id="machines"></section>
  <aside id="timeline"><h2>Event log</h2><ol id="events"></ol></aside>
</main>
${templates}
<script>${CLIENT_SCRIPT}</script>
</body>
</html>
`;
  });
  return page;
}
