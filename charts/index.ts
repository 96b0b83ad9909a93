// Pictures of the machines, made offline
export { toDot, svgIdOf } from './dot.ts';
export { toStatelyConfig } from './stately.ts';
export { renderSvg } from './render.ts';
export { CHARTED } from './machines.ts';
export { chartFiles, chartSvg, writeCharts } from './files.ts';
