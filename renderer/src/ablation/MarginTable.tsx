import type { MarginSummary } from '../../../shared/ablation/analyseAblation';
import { IDEAL_MARGIN, marginBands } from '../../../shared/ablation/marginBands';

export const f1 = (x: number | null | undefined) =>
  x !== null && x !== undefined && Number.isFinite(x) ? x.toFixed(1) : '-';
const rgb = (c: [number, number, number]) => `rgb(${c.join(',')})`;
/** A zone grazing a lesion by a few voxels reads "<0.1%", not "0.0%" (which would say untouched). */
const coverage = (p: number) => (p > 0 && p < 0.05 ? '<0.1%' : `${p.toFixed(1)}%`);

/** Coverage and margin figures of one tumour (plan and confirmation alike); testId suffixes the cells. */
export function MarginTable({ margin, targetMm, testId }: { margin: MarginSummary; targetMm: number; testId: string }) {
  return (
    <table>
      <tbody>
        <tr>
          <td>Coverage</td>
          <td data-testid={`coverage-${testId}`}>{coverage(margin.coveragePercent)}</td>
        </tr>
        <tr className={margin.mamMm < targetMm ? 'low' : ''}>
          <td>Minimal margin</td>
          <td data-testid={`mam-${testId}`}>{f1(margin.mamMm)} mm</td>
        </tr>
        <tr>
          <td>q25 / median</td>
          <td data-testid={`q25-median-${testId}`}>
            {f1(margin.q25Mm)} / {f1(margin.medianMm)} mm
          </td>
        </tr>
        <tr>
          <td>Surface &lt; 0 mm</td>
          <td>{f1(margin.percentBelow0)}%</td>
        </tr>
        <tr>
          <td>Surface &lt; {margin.targetMm} mm</td>
          <td>{f1(margin.percentBelow5)}%</td>
        </tr>
        <tr>
          <td>Subcapsular excluded</td>
          <td>{f1(margin.excludedSubcapsularPercent)}%</td>
        </tr>
      </tbody>
    </table>
  );
}

/** Colour key of the margin map and the zone overlay. */
export function MarginLegend({ targetMm, zone }: { targetMm: number; zone: string }) {
  return (
    <div className="legend">
      Margin map:{' '}
      {marginBands(targetMm).map((b) => (
        <span key={b.label}>
          <i style={{ background: rgb(b.color) }} /> {b.name}
        </span>
      ))}
      <span title={IDEAL_MARGIN.source}>
        <i style={{ background: 'rgb(0,188,212)' }} /> {zone}
      </span>
    </div>
  );
}
