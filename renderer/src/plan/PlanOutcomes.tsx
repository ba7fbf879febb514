import { useState } from 'react';
import { fieldLabel } from '../../../shared/planning/fieldLabels';
import type { Modality, Outcome, PlanResult } from '../../../shared/planning/index';

const STATUS_LABEL: Record<string, string> = {
  eligible: 'Eligible',
  caution: 'Caution',
  contraindicated: 'Contraindicated',
  info: 'Info',
};

/** One rule often fires for several modalities with the same words: show it once, naming them all. */
function groupOutcomes(outcomes: Outcome[]): { o: Outcome; modalities: string[] }[] {
  const groups = new Map<string, { o: Outcome; modalities: string[] }>();
  for (const o of outcomes) {
    const key = `${o.ruleId}|${o.lesionId ?? ''}|${o.status}|${o.rationale}`;
    const g = groups.get(key);
    if (g) g.modalities.push(o.modality);
    else groups.set(key, { o, modalities: [o.modality] });
  }
  return [...groups.values()];
}

function OutcomeItem({ o, modalities }: { o: Outcome; modalities?: string[] }) {
  const [open, setOpen] = useState(false);
  return (
    <li className={`outcome ${o.status}${o.hardWarning ? ' hard' : ''}`} data-testid="outcome">
      <button className="outcome-head" aria-expanded={open} onClick={() => setOpen(!open)}>
        <span className={`chip ${o.status}`}>{STATUS_LABEL[o.status]}</span>
        <span>
          {o.lesionId ? `${o.lesionId}: ` : ''}
          {o.rationale}
          {modalities && <span className="modalities"> — {modalities.join(' · ')}</span>}
        </span>
      </button>
      {open && (
        <div className="outcome-source" data-testid="outcome-source">
          <div>
            Rule <code>{o.ruleId}</code> [{o.tag}]{o.method ? ` · method ${o.method}` : ''}
          </div>
          <div>Source: {o.source}</div>
        </div>
      )}
    </li>
  );
}

function Y90Table({ result }: { result: NonNullable<PlanResult['y90']> }) {
  const f = (v: number | undefined, d = 1) => (v === undefined ? '—' : v.toFixed(d));
  return (
    <div className="y90" data-testid="y90-table">
      <p>
        {result.product} · {result.intent} · k = {result.k} Gy·kg/GBq · LSF{' '}
        {(result.lungShuntFraction * 100).toFixed(1)}% · lung {result.lungMassKg} kg · masses: target{' '}
        {f(result.masses.targetKg, 3)} kg, tumour {f(result.masses.tumourKg, 3)} kg, normal{' '}
        {f(result.masses.normalKg, 3)} kg
      </p>
      <table className="data">
        <thead>
          <tr>
            <th>Method</th>
            <th>Activity (GBq)</th>
            <th>At calibration</th>
            <th>D perfused</th>
            <th>D tumour</th>
            <th>D normal</th>
            <th>D lung</th>
            <th>Cum. lung</th>
          </tr>
        </thead>
        <tbody>
          {result.methods.map((m) => (
            <tr key={m.method} data-testid={`y90-${m.method}`}>
              <td>{m.method.toUpperCase()}</td>
              <td className="num">{f(m.activityGBq, 3)}</td>
              <td className="num">{m.decay ? f(m.decay.activityAtCalibrationGBq, 3) : '—'}</td>
              <td className="num">{f(m.perfusedDoseGy)}</td>
              <td className="num">{f(m.tumourDoseGy)}</td>
              <td className="num">{f(m.normalDoseGy)}</td>
              <td className="num">{f(m.lungDoseGy)}</td>
              <td className="num">{f(m.cumulativeLungDoseGy)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {result.notComputed.map((n) => (
        <p key={n.method} className="muted">
          {n.method.toUpperCase()} not computed: {n.reason}
        </p>
      ))}
      <ul className="outcomes">
        {[...result.warnings, ...result.methods.flatMap((m) => m.warnings)].map((o, n) => (
          <OutcomeItem key={n} o={o} />
        ))}
      </ul>
    </div>
  );
}

/** The inputs skipped rules wait for, by form label (rule ids stay in the tooltip). */
function notEvaluatedLabels(notEvaluated: PlanResult['notEvaluated']): string[] {
  return [...new Set(notEvaluated.flatMap((n) => n.missing.map((m) => fieldLabel(m).label)))];
}

/** Live outcomes per modality, each expandable to its rule and source. */
export function PlanOutcomes({ result }: { result: PlanResult }) {
  const [tab, setTab] = useState<Modality | 'all'>('all');
  const shown = result.outcomes.filter((o) => tab === 'all' || o.modality === tab);
  return (
    <div className="plan-outcomes">
      <div className="calculators" data-testid="calculators">
        <span>
          Child-Pugh <b>{result.calculators.childPugh.label}</b>
        </span>
        <span>
          ALBI <b>{result.calculators.albi.score.toFixed(2)}</b> grade {result.calculators.albi.grade}
        </span>
        <span>
          BSA <b>{result.calculators.bsa.m2.toFixed(2)}</b> m²
        </span>
        <span data-testid="burden">
          Tumour burden <b>{result.burden.percent.toFixed(1)}%</b> ({result.burden.bin}) ={' '}
          {result.burden.tumourMl.toFixed(0)} / {result.burden.liverIncludingTumourMl.toFixed(0)} mL
        </span>
      </div>
      <div className="tabs plan-tabs" role="tablist">
        <button
          role="tab"
          aria-selected={tab === 'all'}
          className={tab === 'all' ? 'tab active' : 'tab'}
          onClick={() => setTab('all')}
        >
          All
        </button>
        {result.summary.map((s) => (
          <button
            key={s.modality}
            role="tab"
            aria-selected={tab === s.modality}
            className={tab === s.modality ? 'tab active' : 'tab'}
            onClick={() => setTab(s.modality)}
          >
            {s.modality} <span className={`chip ${s.status}`}>{STATUS_LABEL[s.status]}</span>
          </button>
        ))}
      </div>
      <ul className="outcomes">
        {shown.length === 0 && <li className="muted">No rule triggered for {tab === 'all' ? 'any modality' : tab}.</li>}
        {groupOutcomes(shown).map((g, n) => (
          <OutcomeItem
            key={`${g.o.ruleId}-${g.o.lesionId ?? ''}-${n}`}
            o={g.o}
            modalities={tab === 'all' ? g.modalities : undefined}
          />
        ))}
      </ul>
      {(tab === 'all' || tab === 'SIRT') && result.y90 && <Y90Table result={result.y90} />}
      {result.checklist.length > 0 && (
        <div className="checklist">
          <h3>Checklist</h3>
          <ul>
            {result.checklist.map((c) => (
              <li key={c.ruleId} title={c.source}>
                ☐ {c.text}
              </li>
            ))}
          </ul>
        </div>
      )}
      {result.notEvaluated.length > 0 && (
        <p className="muted" data-testid="not-evaluated" title={result.notEvaluated.map((n) => n.ruleId).join(', ')}>
          Some rules wait for optional inputs: {notEvaluatedLabels(result.notEvaluated).join(', ')}.
        </p>
      )}
      <p className="muted small">
        Rule set {result.ruleSetId} v{result.ruleSetVersion}. {result.disclaimer}
      </p>
    </div>
  );
}
