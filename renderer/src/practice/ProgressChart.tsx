import type { ProgressSeries } from '../../../shared/practice/index';

const W = 280;
const H = 110;
const PAD = { l: 36, r: 8, t: 10, b: 20 };

/** One task's headline figure over its attempts, as inline SVG (no chart dependency). */
export function ProgressChart({ series }: { series: ProgressSeries }) {
  const pts = series.points;
  if (pts.length === 0) return <p className="hint">No scored attempts yet.</p>;
  const values = pts.map((p) => p.value);
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (series.unit === '' && series.higherIsBetter) {
    // Overlap scores live in 0..1: a fixed axis makes attempts comparable across tasks.
    lo = 0;
    hi = 1;
  } else if (hi === lo) {
    lo -= 1;
    hi += 1;
  }
  const x = (n: number) =>
    PAD.l + (pts.length === 1 ? (W - PAD.l - PAD.r) / 2 : (n * (W - PAD.l - PAD.r)) / (pts.length - 1));
  const y = (v: number) => PAD.t + ((hi - v) * (H - PAD.t - PAD.b)) / (hi - lo);
  const fmt = (v: number) => (Math.abs(hi - lo) < 5 ? v.toFixed(2) : v.toFixed(0));
  const path = pts.map((p, n) => `${n ? 'L' : 'M'}${x(n).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
  return (
    <svg
      className="progress-chart"
      data-testid={`progress-chart-${series.taskId}`}
      data-points={pts.length}
      width={W}
      height={H}
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={`${series.taskTitle}: ${series.label} over ${pts.length} attempts`}
    >
      <line x1={PAD.l} y1={PAD.t} x2={PAD.l} y2={H - PAD.b} stroke="#556" />
      <line x1={PAD.l} y1={H - PAD.b} x2={W - PAD.r} y2={H - PAD.b} stroke="#556" />
      <text x={PAD.l - 4} y={PAD.t + 4} textAnchor="end" fontSize="10" fill="#aab">
        {fmt(hi)}
      </text>
      <text x={PAD.l - 4} y={H - PAD.b} textAnchor="end" fontSize="10" fill="#aab">
        {fmt(lo)}
      </text>
      <text x={W - PAD.r} y={H - 4} textAnchor="end" fontSize="10" fill="#aab">
        {series.label}
        {series.unit ? ` (${series.unit})` : ''} · {series.higherIsBetter ? 'higher is better' : 'lower is better'}
      </text>
      <path d={path} fill="none" stroke="#4fc3f7" strokeWidth="2" />
      {pts.map((p, n) => (
        <circle key={p.submittedAt + n} cx={x(n)} cy={y(p.value)} r="3.5" fill="#4fc3f7">
          <title>{`${new Date(p.submittedAt).toLocaleString()}: ${p.value.toFixed(3)}`}</title>
        </circle>
      ))}
    </svg>
  );
}
