import { KEY_BINDINGS, MOUSE_BINDINGS } from '../../../shared/viewer/keyBindings';

/** Keys of the workspace around the viewer (e.g. Segment), listed after the viewer's. */
export interface HelpSection {
  caption: string;
  rows: readonly { display: string; description: string }[];
}

/** The ? overlay: the same binding tables the key handlers dispatch on. */
export function HelpOverlay({ onClose, sections = [] }: { onClose(): void; sections?: readonly HelpSection[] }) {
  const groups = [...new Set(KEY_BINDINGS.map((b) => b.group))];
  return (
    <div className="viewer-help" role="dialog" aria-label="Viewer keys" data-testid="viewer-help" onClick={onClose}>
      <div className="viewer-help-body" onClick={(e) => e.stopPropagation()}>
        <h3>Keys and mouse</h3>
        <div className="viewer-help-columns">
          {groups.map((g) => (
            <table key={g}>
              <caption>{g}</caption>
              <tbody>
                {KEY_BINDINGS.filter((b) => b.group === g).map((b) => (
                  <tr key={b.key}>
                    <td>
                      <kbd>{b.display}</kbd>
                    </td>
                    <td>{b.description}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
          {sections.map((s) => (
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
          <table>
            <caption>Mouse</caption>
            <tbody>
              {MOUSE_BINDINGS.map((b) => (
                <tr key={b.display}>
                  <td>
                    <kbd>{b.display}</kbd>
                  </td>
                  <td>{b.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <button onClick={onClose}>Close</button>
      </div>
    </div>
  );
}
