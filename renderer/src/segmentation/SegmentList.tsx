import { Fragment, useState } from 'react';
import { SEGMENT_TEMPLATES } from '../../../shared/case/segmentTemplates';
import type { Segment } from '../../../shared/case/model';
import { reportError } from '../store/appStore';
import { useCaseStore } from '../store/caseStore';
import { addLesionToLiver, deleteSegmentWithVoxels } from './editActions';

const hex = (c: Segment['color']) => `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
const rgb = (h: string): Segment['color'] => [1, 3, 5].map((n) => parseInt(h.slice(n, n + 2), 16)) as Segment['color'];

function safely(what: string, fn: () => void) {
  try {
    fn();
  } catch (e) {
    reportError(what, e);
  }
}

/** The case's segments with their DICOM codes: add, choose, rename, colour, show/hide, lock, delete. */
export function SegmentList() {
  const segments = useCaseStore((s) => s.segments);
  const active = useCaseStore((s) => s.activeLabel);
  const origins = useCaseStore((s) => s.lesionOrigins);
  const busy = useCaseStore((s) => !!s.job);
  const { addSegment, editSegment, setActive } = useCaseStore.getState();
  const [template, setTemplate] = useState(SEGMENT_TEMPLATES[0]!.id);
  return (
    <div className="segment-list">
      <div className="segment-add">
        <select data-testid="segment-template" value={template} onChange={(e) => setTemplate(e.target.value)}>
          {SEGMENT_TEMPLATES.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name} ({t.type.scheme} {t.type.value})
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
              title={`${s.type.meaning} (${s.type.scheme} ${s.type.value}); category ${s.category.meaning}`}
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
                <span data-testid={`lesion-phase-${s.label}`}>Segmented on the {origins[s.label]!.phase} phase</span>
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
