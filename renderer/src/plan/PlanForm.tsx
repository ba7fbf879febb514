import { CRITICAL_STRUCTURES, LOBES } from '../../../shared/planning/inputSchema';
import { MODALITIES } from '../../../shared/planning/index';
import { CheckField, FieldProblem, LabField, NumberField, SelectField, useProblemAria } from './fields';
import { usePlanStore } from './planStore';

type LesionDraft = {
  id: string;
  diameterMm?: number;
  volumeMl?: number;
  lobe?: string;
  minimalAblativeMarginMm?: number;
};

/** One lesion: diameter, lobe and margin inline, what is wrong with them on the line below. */
function LesionRow({
  l,
  n,
  update,
  remove,
}: {
  l: LesionDraft;
  n: number;
  update: (patch: Partial<LesionDraft>) => void;
  remove: () => void;
}) {
  const at = (key: string) => `measured.lesions.${n}.${key}`;
  const diameterAria = useProblemAria(at('diameterMm'));
  const lobeAria = useProblemAria(at('lobe'));
  const marginAria = useProblemAria(at('minimalAblativeMarginMm'));
  return (
    <div className="lesion-row">
      <b>{l.id}</b>
      <input
        aria-label={`${l.id} diameter mm`}
        {...diameterAria}
        type="number"
        placeholder="diam. mm"
        value={l.diameterMm ?? ''}
        onChange={(e) => update({ diameterMm: e.target.value === '' ? undefined : Number(e.target.value) })}
      />
      <select
        aria-label={`${l.id} lobe`}
        {...lobeAria}
        value={l.lobe ?? ''}
        onChange={(e) => update({ lobe: e.target.value || undefined })}
      >
        <option value="">lobe</option>
        {LOBES.map((o) => (
          <option key={o}>{o}</option>
        ))}
      </select>
      <input
        aria-label={`${l.id} margin mm`}
        {...marginAria}
        type="number"
        placeholder="MAM mm"
        value={l.minimalAblativeMarginMm ?? ''}
        onChange={(e) =>
          update({ minimalAblativeMarginMm: e.target.value === '' ? undefined : Number(e.target.value) })
        }
      />
      <button aria-label={`Remove ${l.id}`} onClick={remove}>
        ×
      </button>
      <span className="lesion-problems">
        {['id', 'diameterMm', 'lobe', 'minimalAblativeMarginMm', 'vessels', 'criticalStructures'].map((key) => (
          <FieldProblem key={key} field={at(key)} sentence />
        ))}
      </span>
    </div>
  );
}

function LesionRows() {
  const lesions = (usePlanStore((s) => (s.draft.measured as { lesions?: LesionDraft[] } | undefined)?.lesions) ??
    []) as LesionDraft[];
  const setField = usePlanStore((s) => s.setField);
  return (
    <div className="lesion-rows">
      {lesions.map((l, n) => (
        <LesionRow
          key={n}
          l={l}
          n={n}
          update={(patch) =>
            setField(
              'measured.lesions',
              lesions.map((x, i) => (i === n ? { ...x, ...patch } : x)),
            )
          }
          remove={() =>
            setField(
              'measured.lesions',
              lesions.filter((_, i) => i !== n),
            )
          }
        />
      ))}
      <button onClick={() => setField('measured.lesions', [...lesions, { id: `L${lesions.length + 1}` }])}>
        Add lesion
      </button>
      <FieldProblem field="measured.lesions" />
    </div>
  );
}

/** The plan inputs, grouped as a radiologist reads a referral: patient, labs, history, measured, Y-90. */
export function PlanForm({ onUseMeasured }: { onUseMeasured?: () => void }) {
  const hasY90 = usePlanStore((s) => Boolean(s.draft.y90 && (s.draft.y90 as Record<string, unknown>).product));
  return (
    <div className="plan-form">
      <fieldset>
        <legend>Patient</legend>
        <SelectField path="plannedModality" options={MODALITIES} optional />
        <NumberField path="patient.heightCm" />
        <NumberField path="patient.weightKg" />
        <NumberField path="patient.ecog" min={0} max={4} step={1} />
      </fieldset>
      <fieldset>
        <legend>Laboratory</legend>
        <LabField path="labs.bilirubin" units={['mg/dL', 'umol/L']} />
        <LabField path="labs.albumin" units={['g/dL', 'g/L']} />
        <NumberField path="labs.inr" />
        <LabField path="labs.creatinine" units={['mg/dL', 'umol/L']} />
        <NumberField path="labs.crClMlMin" />
        <NumberField path="labs.ldhUL" />
        <NumberField path="labs.astUL" />
        <NumberField path="labs.wbcPerMm3" />
        <NumberField path="labs.neutrophilsPerMm3" />
        <NumberField path="labs.granulocytes10e9L" />
        <NumberField path="labs.lvefPercent" />
      </fieldset>
      <fieldset>
        <legend>Clinical</legend>
        <SelectField path="clinical.primaryTumour" options={['NET', 'HCC', 'CRC', 'other']} />
        <SelectField path="clinical.ascites" options={['none', 'mild', 'moderate-severe']} />
        <SelectField path="clinical.encephalopathy" options={['none', 'grade-1-2', 'grade-3-4']} />
        <SelectField
          path="clinical.portalVein"
          options={['patent', 'tumoural-thrombosis', 'non-tumoural-thrombosis', 'hepatofugal-flow']}
        />
        <SelectField path="clinical.highRiskVarices" options={['none', 'treated', 'untreated']} />
        <SelectField path="clinical.coagulopathy" options={['none', 'correctable', 'uncorrectable']} />
        <div className="checks">
          <CheckField path="clinical.bilioEntericAnastomosis" label="Bilio-enteric anastomosis" />
          <CheckField path="clinical.sphincterotomy" label="Sphincterotomy" />
          <CheckField path="clinical.biliaryStent" label="Biliary stent" />
          <CheckField path="clinical.biliaryDilatation" label="Biliary dilatation" />
          <CheckField path="clinical.functionalSyndrome" label="Functional syndrome" />
          <CheckField path="clinical.severeComorbidity" label="Severe comorbidity" />
          <CheckField path="clinical.syntheticFunctionMaintained" label="Synthetic function maintained" />
          <CheckField path="clinical.reversibleBilirubinCause" label="Reversible bilirubin cause" />
          <CheckField path="clinical.uncorrectableGiShunt" label="Uncorrectable GI shunt" />
        </div>
      </fieldset>
      <fieldset>
        <legend>
          Measured {onUseMeasured && <button onClick={onUseMeasured}>Use volumes from segmentation</button>}
        </legend>
        <NumberField path="measured.liverMl" />
        <NumberField path="measured.tumourMl" />
        <CheckField path="measured.bothLobesEntirelyInvolved" label="Tumour involves both entire lobes" />
        <LesionRows />
      </fieldset>
      <fieldset>
        <legend>Y-90 (SIRT)</legend>
        <SelectField path="y90.product" label="Product" options={['resin', 'glass']} optional />
        {hasY90 && (
          <>
            <SelectField
              path="y90.intent"
              label="Intent"
              options={['segmentectomy', 'lobar', 'whole-liver']}
              optional
            />
            <NumberField path="y90.lungShuntFraction" unit="0-1" />
            <NumberField path="y90.targetVolumeMl" />
            <NumberField path="y90.tumourInTargetMl" />
            <NumberField path="y90.normalInTargetMl" />
            <NumberField path="y90.perfusedDoseGy" />
            <NumberField path="y90.tumourToNormalRatio" />
            <NumberField path="y90.normalLiverDoseGy" />
            <NumberField path="y90.priorLungDoseGy" />
            <NumberField path="y90.lungMassKg" />
            <CheckField path="y90.bilobar" label="Bilobar" />
            <CheckField path="y90.pretreatedOrCompromised" label="Pretreated / compromised liver" />
          </>
        )}
      </fieldset>
      <p className="muted">
        Critical structures for ablation: {CRITICAL_STRUCTURES.join(', ')} (entered per lesion from the ablation
        analysis).
      </p>
    </div>
  );
}
