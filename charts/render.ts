import { Graphviz } from '@hpcc-js/wasm-graphviz';

let loaded: Promise<Graphviz> | undefined;

/**
 * DOT to SVG with Graphviz compiled to WebAssembly (the module is inlined in the package: no
 * download, no native binary). Loaded once per process, on first use.
 */
export async function renderSvg(dot: string): Promise<string> {
  loaded ??= Graphviz.load();
  return (await loaded).dot(dot, 'svg');
}
