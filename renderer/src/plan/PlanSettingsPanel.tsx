import { SETTING_IDS, type RuleSet } from '../../../shared/planning/ruleSet';
import { usePlanStore } from './planStore';

/** Where sources disagree the choice is the user's; each option shows its source. */
export function PlanSettingsPanel({ ruleSet }: { ruleSet: RuleSet }) {
  const settings = usePlanStore((s) => s.settings);
  const setSettings = usePlanStore((s) => s.setSettings);
  return (
    <details className="plan-settings">
      <summary>Settings where sources disagree (defaults stated)</summary>
      {SETTING_IDS.map((id) => {
        const def = ruleSet.settings[id]!;
        const value = settings[id] ?? def.default;
        const set = (v: number) => setSettings({ ...settings, [id]: v });
        return (
          <label key={id} className="field" title={def.source}>
            <span>{def.label}</span>
            {def.options ? (
              <select aria-label={def.label} value={value} onChange={(e) => set(Number(e.target.value))}>
                {def.options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.value} {def.unit}
                    {o.value === def.default ? ' (default)' : ''}
                  </option>
                ))}
              </select>
            ) : (
              <input
                type="number"
                aria-label={def.label}
                min={def.min}
                max={def.max}
                value={value}
                onChange={(e) => set(Number(e.target.value))}
              />
            )}
            <em>{def.unit}</em>
          </label>
        );
      })}
    </details>
  );
}
