import { useEffect, useState } from 'react';
import type { Target } from '../../../shared/export/target';
import type { SavedTargetView } from '../../../shared/ipc/channels/targets';
import { saveTarget, secretStorageAvailable } from './reportActions';

type Kind = Target['kind'];
type Auth = 'none' | 'basic' | 'bearer';

interface Form {
  name: string;
  kind: Kind;
  path: string;
  url: string;
  auth: Auth;
  username: string;
  secret: string;
  host: string;
  port: string;
  calledAe: string;
  callingAe: string;
}

function formOf(t?: SavedTargetView): Form {
  const f: Form = {
    name: t?.name ?? '',
    kind: t?.target.kind ?? 'dicomweb',
    path: '',
    url: '',
    auth: 'none',
    username: '',
    secret: '',
    host: '',
    port: '104',
    calledAe: '',
    callingAe: 'LIVERPLAN',
  };
  const x = t?.target;
  if (x?.kind === 'folder') f.path = x.path;
  if (x?.kind === 'dicomweb') {
    f.url = x.url;
    f.auth = x.auth?.type ?? 'none';
    if (x.auth?.type === 'basic') f.username = x.auth.username;
  }
  if (x?.kind === 'dimse')
    Object.assign(f, { host: x.host, port: String(x.port), calledAe: x.calledAe, callingAe: x.callingAe });
  return f;
}

function targetOf(f: Form): Target {
  if (f.kind === 'folder') return { kind: 'folder', path: f.path.trim() };
  if (f.kind === 'dimse')
    return {
      kind: 'dimse',
      host: f.host.trim(),
      port: Number(f.port),
      calledAe: f.calledAe.trim(),
      callingAe: f.callingAe.trim(),
    };
  const auth =
    f.auth === 'basic'
      ? { type: 'basic' as const, username: f.username, password: f.secret }
      : f.auth === 'bearer'
        ? { type: 'bearer' as const, token: f.secret }
        : undefined;
  return { kind: 'dicomweb', url: f.url.trim(), ...(auth ? { auth } : {}) };
}

/** Add or edit one export target; a saved password or token is never shown, blank keeps it. */
export function TargetEditor({ editing, onDone }: { editing?: SavedTargetView; onDone(): void }) {
  const [f, setF] = useState<Form>(() => formOf(editing));
  const set = (patch: Partial<Form>) => setF((s) => ({ ...s, ...patch }));
  const secretSaved = editing?.target.kind === 'dicomweb' && editing.target.auth?.secretSaved;
  // Without an OS keyring the secret stays in memory for this session, unless the user accepts plain storage.
  const [keyring, setKeyring] = useState<boolean | null>(null);
  const [keepPlain, setKeepPlain] = useState(editing?.secretStorage === 'plain');
  useEffect(() => {
    void secretStorageAvailable().then(setKeyring);
  }, []);
  const field = (key: keyof Form, label: string, props: Record<string, unknown> = {}) => (
    <label>
      {label}
      <input data-testid={`target-${key}`} value={f[key]} onChange={(e) => set({ [key]: e.target.value })} {...props} />
    </label>
  );
  return (
    <form
      className="target-editor"
      data-testid="target-editor"
      onSubmit={(e) => {
        e.preventDefault();
        void saveTarget({
          ...(editing ? { id: editing.id } : {}),
          name: f.name,
          target: targetOf(f),
          ...(keyring === false && keepPlain ? { keepSecretPlain: true } : {}),
        }).then((ok) => ok && onDone());
      }}
    >
      {field('name', 'Name', { required: true })}
      <label>
        Kind
        <select data-testid="target-kind" value={f.kind} onChange={(e) => set({ kind: e.target.value as Kind })}>
          <option value="folder">Folder</option>
          <option value="dicomweb">DICOMweb STOW-RS</option>
          <option value="dimse">DIMSE C-STORE</option>
        </select>
      </label>
      {f.kind === 'folder' && field('path', 'Folder path', { required: true })}
      {f.kind === 'dicomweb' && (
        <>
          {field('url', 'Base URL', { required: true, placeholder: 'https://pacs/dicom-web' })}
          <label>
            Authentication
            <select data-testid="target-auth" value={f.auth} onChange={(e) => set({ auth: e.target.value as Auth })}>
              <option value="none">None</option>
              <option value="basic">Basic (user + password)</option>
              <option value="bearer">Bearer token</option>
            </select>
          </label>
          {f.auth === 'basic' && field('username', 'User')}
          {f.auth !== 'none' &&
            field('secret', f.auth === 'basic' ? 'Password' : 'Token', {
              type: 'password',
              autoComplete: 'off',
              placeholder: secretSaved ? 'saved (leave blank to keep)' : '',
            })}
          {f.auth !== 'none' && keyring === false && (
            <div className="target-secret-note" data-testid="target-secret-note" role="note">
              <p>
                This computer offers LiverPlan no OS keyring (on Linux: GNOME Keyring or KWallet), so the{' '}
                {f.auth === 'basic' ? 'password' : 'token'} cannot be stored encrypted. It is kept in memory for this
                session only and must be entered again after LiverPlan restarts.
              </p>
              <label className="check">
                <input
                  type="checkbox"
                  data-testid="target-keep-plain"
                  checked={keepPlain}
                  onChange={(e) => setKeepPlain(e.target.checked)}
                />
                Store it unencrypted in LiverPlan&apos;s settings on this computer instead
              </label>
            </div>
          )}
        </>
      )}
      {f.kind === 'dimse' && (
        <>
          {field('host', 'Host', { required: true })}
          {field('port', 'Port', { type: 'number', min: 1, max: 65535, required: true })}
          {field('calledAe', 'Called AE', { required: true, maxLength: 16 })}
          {field('callingAe', 'Calling AE', { required: true, maxLength: 16 })}
        </>
      )}
      <div className="row">
        <button type="submit" className="primary" data-testid="target-save">
          Save target
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
