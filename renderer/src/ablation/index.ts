// Public surface of the Ablation feature for other features (eslint: no reaching into its files).
export { f1, MarginLegend, MarginTable } from './MarginTable';
export { ensureOverlay, writeOverlay } from './zoneOverlay';
