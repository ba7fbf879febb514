import { usePlanStore } from './planStore';

/**
 * Why outcomes are not shown yet: every missing and every invalid input at once, by label, the
 * same sentences the form shows beside each field. `fallback` covers a refusal the input check
 * does not foresee (a rule set fault), said without its technical detail.
 */
export function PlanProblems({ fallback }: { fallback?: string }) {
  const problems = usePlanStore((s) => s.problems);
  const missing = problems.filter((p) => p.kind === 'missing');
  const invalid = problems.filter((p) => p.kind === 'invalid');
  return (
    <div className="plan-incomplete" data-testid="plan-incomplete">
      <p>
        <b>Not evaluated yet.</b> Outcomes appear as soon as every required value is entered and within its valid range.
      </p>
      {missing.length > 0 && (
        <div data-testid="plan-missing">
          <h3>Still needed</h3>
          <ul>
            {missing.map((p) => (
              <li key={p.field}>{p.label}</li>
            ))}
          </ul>
        </div>
      )}
      {invalid.length > 0 && (
        <div data-testid="plan-invalid">
          <h3>To correct</h3>
          <ul>
            {invalid.map((p) => (
              <li key={p.field}>{p.message}</li>
            ))}
          </ul>
        </div>
      )}
      {problems.length === 0 && fallback && <p>{fallback}</p>}
    </div>
  );
}
