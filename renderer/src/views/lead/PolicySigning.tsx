// Signing the draft in the panel, as the signed-in lead, with the lead's key kept by this Legwork:
// a passphrase-protected key file in browser mode, the OS keychain on the desktop. The first time,
// the lead creates a key here or picks the key file they already have. The policy by default; the
// playbook editor passes what it signs (`noun`, `sign`), with the same key and the same steps.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useSlice, useStores } from '../../stores/index.ts';
import { StatusNote } from '../../ui/notes.tsx';

interface Props {
  ready: boolean;
  /** what is signed, in words (default: the policy) */
  noun?: string;
  /** signs and installs it; default the policy store's draft */
  sign?: (session: string, passphrase: string) => Promise<boolean>;
  installed?: string | null;
  busy?: boolean;
  /** where a lead without a key makes one: here (default), or a sentence pointing to the place that does */
  keyElsewhere?: string;
}

export function PolicySigning({ ready, noun = 'policy', sign: signOther, installed: installedOther, busy: busyOther, keyElsewhere }: Props) {
  const { policy } = useStores();
  const lead = useSlice('approvals', (s) => s.lead);
  const key = useSlice('policy', (s) => s.key);
  const keyBusy = useSlice('policy', (s) => s.busy);
  const policyInstalled = useSlice('policy', (s) => s.installed);
  const busy = keyBusy || (busyOther ?? false);
  const installed = signOther ? (installedOther ?? null) : policyInstalled;
  const [passphrase, setPassphrase] = useState('');
  const passId = useId();

  useEffect(() => {
    if (lead) void policy.getState().loadKey(lead.session);
  }, [lead, policy]);

  const sign = async (e: FormEvent) => {
    e.preventDefault();
    if (!lead) return;
    const done = signOther ? await signOther(lead.session, passphrase) : await policy.getState().signAndInstall(lead.session, passphrase);
    if (done) setPassphrase('');
  };

  return (
    <section aria-labelledby={`${passId}-h`} className="install">
      <h3 id={`${passId}-h`}>Sign and install</h3>
      {installed && (
        <p role="status" className="ok-note">
          {installed}
        </p>
      )}
      {!lead ? (
        <p className="muted">Sign in as a lead (under Approvals, above) to sign the {noun} with your key.</p>
      ) : !key ? (
        <StatusNote>Looking for your signing key…</StatusNote>
      ) : !key.keyId && keyElsewhere ? (
        <p className="muted">{keyElsewhere}</p>
      ) : !key.keyId ? (
        <NewKey session={lead.session} keychain={key.protection === 'keychain'} />
      ) : (
        <form onSubmit={(e) => void sign(e)} aria-label={`Sign and install the ${noun}`}>
          <p className="muted">
            Signed in as {lead.name}. Your key {key.keyId}
            {key.protection === 'keychain' ? ' is in the OS keychain.' : ' is kept in a passphrase-protected file.'}
            {key.trustedKeyId === null ? ` The first ${noun} you install makes it the lead key this Legwork trusts.` : ''}
          </p>
          {key.trustedKeyId !== null && key.trustedKeyId !== key.keyId && (
            <p className="error-inline">
              This Legwork trusts lead key {key.trustedKeyId}, not yours: a {noun} you sign would be refused.
            </p>
          )}
          {key.protection === 'passphrase' && (
            <>
              <label className="field-label" htmlFor={passId}>
                Key passphrase
              </label>
              <input id={passId} type="password" autoComplete="off" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
            </>
          )}
          <div className="actions">
            <button type="submit" className="primary" disabled={busy || !ready || (key.protection === 'passphrase' && !passphrase)}>
              {busy ? 'Signing…' : 'Sign and install'}
            </button>
            {!ready && <span className="muted">Fix the draft first.</span>}
          </div>
        </form>
      )}
    </section>
  );
}

function NewKey({ session, keychain }: { session: string; keychain: boolean }) {
  const { policy } = useStores();
  const busy = useSlice('policy', (s) => s.busy);
  const id = useId();
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [file, setFile] = useState<string | null>(null);
  const [filePass, setFilePass] = useState('');
  const mismatch = !keychain && again !== '' && again !== passphrase;
  const passOk = keychain || (passphrase.length >= 10 && passphrase === again);
  const create = () => void policy.getState().createKey(session, keychain ? '' : passphrase);
  const pick = () => file !== null && void policy.getState().importKey(session, file, filePass, keychain ? '' : passphrase);
  return (
    <div>
      <p className="muted">No signing key is kept here yet. Create one, or pick the key file you already have (it is kept {keychain ? 'in the OS keychain' : 'protected by your passphrase'}).</p>
      {!keychain && (
        <>
          <label className="field-label" htmlFor={`${id}-p1`}>
            New key passphrase (at least 10 characters)
          </label>
          <input id={`${id}-p1`} type="password" autoComplete="new-password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
          <label className="field-label" htmlFor={`${id}-p2`}>
            The passphrase again
          </label>
          <input id={`${id}-p2`} type="password" autoComplete="new-password" value={again} aria-invalid={mismatch ? true : undefined} onChange={(e) => setAgain(e.target.value)} />
          {mismatch && <p className="error-inline">The two passphrases differ.</p>}
        </>
      )}
      <div className="actions">
        <button type="button" className="primary" disabled={busy || !passOk} onClick={create}>
          Create my signing key
        </button>
      </div>
      <details>
        <summary>Use a key file I already have</summary>
        <label className="field-label" htmlFor={`${id}-file`}>
          Key file (from <code>legwork policy keygen</code>)
        </label>
        <input id={`${id}-file`} type="file" accept=".pem,.key,text/plain" onChange={(e) => void e.target.files?.[0]?.text().then(setFile)} />
        <label className="field-label" htmlFor={`${id}-fp`}>
          The file's own passphrase, if it has one
        </label>
        <input id={`${id}-fp`} type="password" autoComplete="off" value={filePass} onChange={(e) => setFilePass(e.target.value)} />
        <div className="actions">
          <button type="button" disabled={busy || file === null || !passOk} onClick={pick}>
            Keep this key
          </button>
        </div>
      </details>
    </div>
  );
}
