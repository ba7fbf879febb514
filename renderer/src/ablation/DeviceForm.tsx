import { useState, type FormEvent } from 'react';
import { userDeviceEntrySchema } from '../../../shared/ipc/channels/devices';
import { addUserDevice } from './ablationActions';

/** Adds one of the user's own device settings (kept with the user's data, beside the shipped tables). */
export function DeviceForm() {
  const [error, setError] = useState('');
  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const v = Object.fromEntries(new FormData(form)) as Record<string, string>;
    const parsed = userDeviceEntrySchema.safeParse({
      id: v.id,
      device: v.device,
      modality: v.modality,
      powerW: Number(v.powerW),
      timeMin: Number(v.timeMin),
      longAxisMm: Number(v.longAxisMm),
      shortAxisMm: Number(v.shortAxisMm),
      tipOffsetMm: Number(v.tipOffsetMm),
      tissueModel: v.tissueModel,
      source: v.source,
      verified: false,
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      setError(`${issue?.path.join('.')}: ${issue?.message}`);
      return;
    }
    setError('');
    if (await addUserDevice(parsed.data)) form.reset();
  };
  const num = (name: string, label: string) => (
    <label>
      {label}
      <input name={name} type="number" step="any" required />
    </label>
  );
  return (
    <details className="device-form">
      <summary>Add my own device setting</summary>
      <form onSubmit={(e) => void onSubmit(e)} data-testid="device-form">
        <label>
          Id <input name="id" required placeholder="my-mwa-80w-6min" />
        </label>
        <label>
          Device <input name="device" required />
        </label>
        <label>
          Modality
          <select name="modality" defaultValue="MWA">
            {['MWA', 'RFA', 'CRYO', 'IRE'].map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </label>
        {num('powerW', 'Power (W)')}
        {num('timeMin', 'Time (min)')}
        {num('longAxisMm', 'Zone length (mm)')}
        {num('shortAxisMm', 'Zone diameter (mm)')}
        {num('tipOffsetMm', 'Beyond tip (mm)')}
        <label>
          Tissue model <input name="tissueModel" required placeholder="in vivo porcine liver" />
        </label>
        <label>
          Source <input name="source" required placeholder="chart, IFU revision or audit" />
        </label>
        {error && <div className="warning">{error}</div>}
        <button type="submit">Add</button>
      </form>
    </details>
  );
}
