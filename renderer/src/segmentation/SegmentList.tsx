import { Fragment, useState } from 'react';
import { SEGMENT_TEMPLATES } from '../../../shared/case/segmentTemplates';
import type { Segment } from '../../../shared/case/model';
import { phaseName, phaseOrSeries } from '../../../shared/viewer/phaseName';
import { reportError } from '../store/appStore';
import { useCaseStore } from '../store/caseStore';
import { useStudyStore } from '../store/studyStore';
import { addLesionToLiver, deleteSegmentWithVoxels } from './editActions';

const hex = (c: Segment['color']) => `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
/** A segment's codes, for a tooltip: the standard identifiers stay out of the visible text. */
const code = (c: Segment['type']) => `${c.meaning} (${c.scheme === 'SCT' ? 'SNOMED CT' : c.scheme} ${c.value})`;
const codes = (s: Pick<Segment, 'type' | 'category'>) => `Type ${code(s.type)}; category ${code(s.category)}`;
const rgb = (h: string): Segment['color'] => [1, 3, 5].map((n) => parseInt(h.slice(n, n + 2), 16)) as Segment['color'];

function safely(what: string, fn: () => void) {
  try {
    fn();
  } catch (e) {
    reportError(what, e);
  }
}

/** The case's segments (their DICOM codes on hover): add, choose, rename, colour, show/hide, lock, delete. */
export function SegmentList() {
  const segments = useCaseStore((s) => s.segments);
  const active = useCaseStore((s) => s.activeLabel);
  const origins = useCaseStore((s) => s.lesionOrigins);
  const busy = useCaseStore((s) => !!s.job);
  const series = useStudyStore((s) => s.viewerSeries);
  const { addSegment, editSegment, setActive } = useCaseStore.getState();
  const [template, setTemplate] = useState(SEGMENT_TEMPLATES[0]!.id);
  return (
    <div className="segment-list">
      <div className="segment-add">
        <select
          data-testid="segment-template"
          value={template}
          title={codes(SEGMENT_TEMPLATES.find((t) => t.id === template)!)}
          onChange={(e) => setTemplate(e.target.value)}
        >
          {SEGMENT_TEMPLATES.map((t) => (
            <option key={t.id} value={t.id} title={codes(t)}>
              {t.name}
            </option>
          ))}
        </select>
        <button
          data-testid="add-segment"
          onClick={() =>
            safely('Adding a segment', () => addSegment(SEGMENT_TEMPLATES.find((t) => t.id === template)!))
          }
        >
          Add
        </button>
      </div>
      {segments.length === 0 && (
        <p className="hint">No segments yet. Add one, or click the liver with the Liver tool.</p>
      )}
      <ul>
        {segments.map((s) => (
          <Fragment key={s.label}>
            <li
              className={s.label === active ? 'segment-row active' : 'segment-row'}
              data-testid={`segment-row-${s.label}`}
              data-name={s.name}
              onClick={() => setActive(s.label)}
              title={codes(s)}
            >
              <input
                type="color"
                aria-label={`Colour of ${s.name}`}
                value={hex(s.color)}
                onChange={(e) => safely('Colour', () => editSegment(s.label, { color: rgb(e.target.value) }))}
              />
              <NameField segment={s} />
              <label title="Visible">
                <input
                  type="checkbox"
                  aria-label={`Show ${s.name}`}
                  checked={s.visible}
                  onChange={(e) => editSegment(s.label, { visible: e.target.checked })}
                />
                eye
              </label>
              <label title="Locked: no tool changes it">
                <input
                  type="checkbox"
                  aria-label={`Lock ${s.name}`}
                  checked={s.locked}
                  onChange={(e) => editSegment(s.label, { locked: e.target.checked })}
                />
                lock
              </label>
              <button
                aria-label={`Delete ${s.name}`}
                data-testid={`delete-segment-${s.label}`}
                onClick={(e) => (e.stopPropagation(), deleteSegmentWithVoxels(s.label))}
              >
                ✕
              </button>
            </li>
            {origins[s.label] && (
              <li className="lesion-origin" data-testid={`lesion-origin-${s.label}`}>
                <span data-testid={`lesion-phase-${s.label}`}>{segmentedOn(origins[s.label]!.phase, series)}</span>
                {origins[s.label]!.outsideLiver &&
                  (origins[s.label]!.addedToLiver ? (
                    <span>· added to the liver</span>
                  ) : (
                    <>
                      <span className="outside">· outside the liver segment</span>
                      <button
                        data-testid={`add-to-liver-${s.label}`}
                        disabled={busy}
                        title="Grow the liver outline over this lesion (it stays its own segment; whole liver = liver + lesions). One undo step."
                        onClick={() => void addLesionToLiver(s.label)}
                      >
                        Add to liver
                      </button>
                    </>
                  ))}
              </li>
            )}
          </Fragment>
        ))}
      </ul>
    </div>
  );
}

/** "Segmented on the arterial phase", or on the series by name when its phase is not recognised. */
function segmentedOn(label: string, series: Parameters<typeof phaseOrSeries>[1]): string {
  const phase = phaseName(label);
  if (phase) return `Segmented on the ${phase} phase`;
  const shown = phaseOrSeries(label, series);
  return shown === 'phase not recognised'
    ? 'Segmented on a series whose phase is not recognised'
    : `Segmented on ${shown}`;
}

/** Rename on Enter or leaving the field; a refused name (duplicate, empty) goes back. */
function NameField({ segment }: { segment: Segment }) {
  const [draft, setDraft] = useState<string | null>(null);
  const commit = () => {
    if (draft !== null && draft !== segment.name)
      safely('Renaming', () => useCaseStore.getState().editSegment(segment.label, { name: draft }));
    setDraft(null);
  };
  return (
    <input
      className="segment-name"
      aria-label={`Name of segment ${segment.label}`}
      value={draft ?? segment.name}
      maxLength={64}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
    />
  );
}
