import { useFields } from '../store/useFields';
import { AnalysisPanel } from './AnalysisPanel';
import { ApplicatorList } from './ApplicatorList';
import { useAblationStore } from './ablationStore';
import { DeviceForm } from './DeviceForm';
import { SettingsForm } from './SettingsForm';

const PROMPT = {
  tip: 'Click the applicator TIP on any slice view.',
  entry: 'Click the skin ENTRY point on any slice view (scroll to its slice first).',
} as const;

/** The side panel: device setting, applicators, thresholds, analysis, user devices. */
export function AblationPanel() {
  const s = useFields(useAblationStore, 'catalogue', 'placing', 'setDraftTip', 'setPlacing', 'setSetting', 'settingId');
  const groups = [...new Set(s.catalogue.map((e) => e.modality))];
  return (
    <aside className="ablation-panel" data-testid="ablation-panel">
      <label className="device">
        Device setting
        <select data-testid="device-select" value={s.settingId} onChange={(e) => s.setSetting(e.target.value)}>
          {groups.map((g) => (
            <optgroup key={g} label={g}>
              {s.catalogue
                .filter((e) => e.modality === g)
                .map((e) => (
                  <option
                    key={e.id}
                    value={e.id}
                    title={`${e.source}; ${e.tissueModel}${e.verified ? '' : '; not verified'}`}
                  >
                    {e.device}: {e.powerW} W {e.timeMin} min ({e.longAxisMm}x{e.shortAxisMm} mm)
                    {e.origin === 'user' ? ' [mine]' : ''}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
      </label>
      <div className="buttons">
        <button data-testid="place-applicator" onClick={() => s.setPlacing({ point: 'tip', applicatorId: null })}>
          New applicator
        </button>
        {s.placing && (
          <button
            onClick={() => {
              s.setPlacing(null);
              s.setDraftTip(null);
            }}
          >
            Cancel
          </button>
        )}
      </div>
      {s.placing && (
        <div className="prompt" data-testid="placing-prompt" data-point={s.placing.point}>
          {PROMPT[s.placing.point]}
        </div>
      )}
      <ApplicatorList />
      <SettingsForm />
      <AnalysisPanel />
      <DeviceForm />
    </aside>
  );
}
