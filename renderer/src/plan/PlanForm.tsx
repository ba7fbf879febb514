import { CRITICAL_STRUCTURES, LOBES } from '../../../shared/planning/inputSchema';
import { MODALITIES } from '../../../shared/planning/index';
import { CheckField, LabField, NumberField, SelectField } from './fields';
import { usePlanStore } from './planStore';

type LesionDraft = {
  id: string;
  diameterMm?: number;
  volumeMl?: number;
  lobe?: string;
  minimalAblativeMarginMm?: number;
};

function LesionRows() {
  const lesions = (usePlanStore((s) => (s.draft.measured as { lesions?: LesionDraft[] } | undefined)?.lesions) ??
    []) as LesionDraft[];
  const setField = usePlanStore((s) => s.setField);
  const update = (n: number, patch: Partial<LesionDraft>) =>
    setField(
      'measured.lesions',
      lesions.map((l, i) => (i === n ? { ...l, ...patch } : l)),
    );
  return (
    <div className="lesion-rows">
      {lesions.map((l, n) => (
        <div className="lesion-row" key={n}>
          <b>{l.id}</b>
          <input
            aria-label={`${l.id} diameter mm`}
            type="number"
            placeholder="diam. mm"
            value={l.diameterMm ?? ''}
            onChange={(e) => update(n, { diameterMm: e.target.value === '' ? undefined : Number(e.target.value) })}
          />
          <select
            aria-label={`${l.id} lobe`}
            value={l.lobe ?? ''}
            onChange={(e) => update(n, { lobe: e.target.value || undefined })}
          >
            <option value="">lobe</option>
            {LOBES.map((o) => (
              <option key={o}>{o}</option>
            ))}
          </select>
          <input
            aria-label={`${l.id} margin mm`}
            type="number"
            placeholder="MAM mm"
            value={l.minimalAblativeMarginMm ?? ''}
            onChange={(e) =>
              update(n, { minimalAblativeMarginMm: e.target.value === '' ? undefined : Number(e.target.value) })
            }
          />
          <button
            aria-label={`Remove ${l.id}`}
            onClick={() =>
              setField(
                'measured.lesions',
                lesions.filter((_, i) => i !== n),
              )
            }
          >
            ×
          </button>
        </div>
      ))}
      <button onClick={() => setField('measured.lesions', [...lesions, { id: `L${lesions.length + 1}` }])}>
        Add lesion
      </button>
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
        <SelectField path="plannedModality" label="Planned modality" options={MODALITIES} optional />
        <NumberField path="patient.heightCm" label="Height" unit="cm" />
        <NumberField path="patient.weightKg" label="Weight" unit="kg" />
        <NumberField path="patient.ecog" label="ECOG" min={0} max={4} step={1} />
      </fieldset>
      <fieldset>
        <legend>Laboratory</legend>
        <LabField path="labs.bilirubin" label="Bilirubin" units={['mg/dL', 'umol/L']} />
        <LabField path="labs.albumin" label="Albumin" units={['g/dL', 'g/L']} />
        <NumberField path="labs.inr" label="INR" />
        <LabField path="labs.creatinine" label="Creatinine" units={['mg/dL', 'umol/L']} />
        <NumberField path="labs.crClMlMin" label="CrCl" unit="mL/min" />
        <NumberField path="labs.ldhUL" label="LDH" unit="U/L" />
        <NumberField path="labs.astUL" label="AST" unit="U/L" />
        <NumberField path="labs.wbcPerMm3" label="WBC" unit="/mm³" />
        <NumberField path="labs.neutrophilsPerMm3" label="Neutrophils" unit="/mm³" />
        <NumberField path="labs.granulocytes10e9L" label="Granulocytes" unit="10⁹/L" />
        <NumberField path="labs.lvefPercent" label="LVEF" unit="%" />
      </fieldset>
      <fieldset>
        <legend>Clinical</legend>
        <SelectField path="clinical.primaryTumour" label="Primary" options={['NET', 'HCC', 'CRC', 'other']} />
        <SelectField path="clinical.ascites" label="Ascites" options={['none', 'mild', 'moderate-severe']} />
        <SelectField
          path="clinical.encephalopathy"
          label="Encephalopathy"
          options={['none', 'grade-1-2', 'grade-3-4']}
        />
        <SelectField
          path="clinical.portalVein"
          label="Portal vein"
          options={['patent', 'tumoural-thrombosis', 'non-tumoural-thrombosis', 'hepatofugal-flow']}
        />
        <SelectField path="clinical.highRiskVarices" label="Varices" options={['none', 'treated', 'untreated']} />
        <SelectField
          path="clinical.coagulopathy"
          label="Coagulopathy"
          options={['none', 'correctable', 'uncorrectable']}
        />
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
        <NumberField path="measured.liverMl" label="Liver incl. tumour" unit="mL" />
        <NumberField path="measured.tumourMl" label="Tumour" unit="mL" />
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
            <NumberField path="y90.lungShuntFraction" label="Lung shunt fraction" unit="0-1" />
            <NumberField path="y90.targetVolumeMl" label="Target (perfused) volume" unit="mL" />
            <NumberField path="y90.tumourInTargetMl" label="Tumour in target" unit="mL" />
            <NumberField path="y90.normalInTargetMl" label="Normal liver in target" unit="mL" />
            <NumberField path="y90.perfusedDoseGy" label="Perfused dose (MIRD)" unit="Gy" />
            <NumberField path="y90.tumourToNormalRatio" label="T/N ratio" />
            <NumberField path="y90.normalLiverDoseGy" label="Normal-liver dose (partition)" unit="Gy" />
            <NumberField path="y90.priorLungDoseGy" label="Prior lung dose" unit="Gy" />
            <NumberField path="y90.lungMassKg" label="Lung mass (CT)" unit="kg" />
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
