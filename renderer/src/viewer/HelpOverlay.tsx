import { KEY_BINDINGS, MOUSE_BINDINGS } from '../../../shared/viewer/keyBindings';

/** One table of the overlay: a caption and key -> what it does. */
export interface HelpSection {
  caption: string;
  rows: readonly { display: string; description: string }[];
}

/** The viewer's key groups, in table order, then its mouse bindings. */
const VIEWER_SECTIONS: HelpSection[] = [...new Set(KEY_BINDINGS.map((b) => b.group))].map((g) => ({
  caption: g,
  rows: KEY_BINDINGS.filter((b) => b.group === g),
}));

/**
 * The ? overlay: the same binding tables the key handlers dispatch on. `sections` adds the keys
 * of the workspace around the viewer (e.g. Segment), listed after the viewer's.
 */
export function HelpOverlay({ onClose, sections = [] }: { onClose(): void; sections?: readonly HelpSection[] }) {
  const all = [...VIEWER_SECTIONS, ...sections, { caption: 'Mouse', rows: MOUSE_BINDINGS }];
  return (
    <div className="viewer-help" role="dialog" aria-label="Viewer keys" data-testid="viewer-help" onClick={onClose}>
      <div className="viewer-help-body" onClick={(e) => e.stopPropagation()}>
        <h3>Keys and mouse</h3>
        <div className="viewer-help-columns">
          {all.map((s) => (
            <table key={s.caption}>
              <caption>{s.caption}</caption>
              <tbody>
                {s.rows.map((r) => (
                  <tr key={r.display}>
                    <td>
                      <kbd>{r.display}</kbd>
                    </td>
                    <td>{r.description}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
        </div>
        <button onClick={onClose}>Close</button>
      </div>
    </div>
  );
}
