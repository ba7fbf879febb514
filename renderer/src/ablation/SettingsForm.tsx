import { MEASUREMENT_RULES } from '../../../shared/volume/measurementRules';
import { useAblationStore, type AblationSettings } from './ablationStore';

const FIELDS: { key: keyof AblationSettings; label: string; source: string }[] = [
  { key: 'targetMm', label: 'Target margin (mm)', source: MEASUREMENT_RULES.marginTarget.source },
  {
    key: 'heatSinkMinDiameterMm',
    label: 'Heat-sink vessel ≥ (mm)',
    source: MEASUREMENT_RULES.heatSinkVesselDiameter.source,
  },
  { key: 'heatSinkProximityMm', label: 'Heat-sink within (mm)', source: MEASUREMENT_RULES.heatSinkProximity.source },
  {
    key: 'criticalThresholdMm',
    label: 'Critical structure warning < (mm)',
    source: MEASUREMENT_RULES.criticalStructureProximity.source,
  },
];

/** The configurable thresholds; each shows its rule source on hover. */
export function SettingsForm() {
  const settings = useAblationStore((s) => s.settings);
  const set = useAblationStore((s) => s.setSettings);
  return (
    <details className="ablation-settings">
      <summary>Thresholds</summary>
      {FIELDS.map((f) => (
        <label key={f.key} title={f.source}>
          {f.label}
          <input
            type="number"
            min={0}
            max={50}
            step={0.5}
            value={settings[f.key]}
            onChange={(e) => {
              const v = Number(e.target.value);
              if (Number.isFinite(v) && v >= 0) set({ [f.key]: v });
            }}
          />
        </label>
      ))}
    </details>
  );
}
