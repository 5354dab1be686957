/** Named ops tokens: create (the secret shown once), list, revoke. Publishers only. */
import { useState } from 'react';
import { OPS_ROLES, TOKEN_NAME_PATTERN } from '@maison/privacy/contract';
import { ErrorBox, Heading, PageBody, useAction, useConsole, useLoad, when, who } from '../ui';

// An HTML pattern matches the whole value already; the `v` flag browsers use wants `-` escaped in a class.
const NAME_PATTERN = TOKEN_NAME_PATTERN.replace(/^\^|\$$/g, '').replace('_-]', '_\\-]');

export function TokensPage() {
  const { canWrite, t } = useConsole();
  if (!canWrite)
    return (
      <div id='page-tokens'>
        <Heading>{t('tokens.title')}</Heading>
        <p id='tokens-viewer'>{t('tokens.onlyPublisher')}</p>
      </div>
    );
  return <TokensList />;
}

function TokensList() {
  const { api, lang, notify, t } = useConsole();
  const [loaded, reload] = useLoad(() => api.tokens(), 'tokens');
  const [name, setName] = useState('');
  const [role, setRole] = useState<(typeof OPS_ROLES)[number]>('viewer');
  const [days, setDays] = useState('90');
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState('');
  const [busy, act] = useAction();
  return (
    <PageBody id='page-tokens' loaded={loaded}>
      {({ tokens }) => (
        <>
          <Heading>{t('tokens.title')}</Heading>
          <form
            id='token-form'
            onSubmit={(ev) => {
              ev.preventDefault();
              void act(async () => {
                const created = await api.createToken(name, role, Number(days));
                setName('');
                await reload();
                setSecret(created.token);
              }, setError);
            }}
          >
            <label htmlFor='token-name'>{t('tokens.name')}</label>
            <input type='text' id='token-name' required pattern={NAME_PATTERN} maxLength={64} value={name} onChange={(e) => setName(e.target.value)} />
            <label htmlFor='token-role'>{t('tokens.role')}</label>
            <select id='token-role' value={role} onChange={(e) => setRole(e.target.value as (typeof OPS_ROLES)[number])}>
              {OPS_ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`role.${r}`)}
                </option>
              ))}
            </select>
            <label htmlFor='token-days'>{t('tokens.days')}</label>
            <input type='number' id='token-days' min={1} max={365} required value={days} onChange={(e) => setDays(e.target.value)} />
            <br />
            <button type='submit' id='token-create' disabled={busy}>
              {t('tokens.create')}
            </button>
          </form>
          <ErrorBox id='tokens-error' error={error} />
          <div id='token-secret-box'>
            {secret && (
              <>
                <p>{t('tokens.secret')}</p>
                <code className='secret' id='token-secret' tabIndex={0}>
                  {secret}
                </code>
              </>
            )}
          </div>
          <table id='tokens-table'>
            <thead>
              <tr>
                {(['tokens.name', 'tokens.role', 'tokens.createdBy', 'tokens.expires', 'col.status', 'col.actions'] as const).map((k) => (
                  <th key={k} scope='col'>
                    {t(k)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {tokens.map((tk) => (
                <tr key={tk.id} data-token={tk.name}>
                  <td>{tk.name}</td>
                  <td>{t(`role.${tk.role}`)}</td>
                  <td>
                    {who(lang, tk.createdBy)}
                    <br />
                    {when(lang, tk.createdAt)}
                  </td>
                  <td>{when(lang, tk.expiresAt)}</td>
                  <td>{tk.revokedAt ? `${t('tokens.revoked')} ${when(lang, tk.revokedAt)}` : t('tokens.live')}</td>
                  <td>
                    <button
                      type='button'
                      className='secondary'
                      id={`revoke-${tk.id}`}
                      disabled={Boolean(tk.revokedAt) || busy}
                      onClick={() =>
                        void act(async () => {
                          await api.revokeToken(tk.id);
                          setSecret(null);
                          notify(t('tokens.revokedDone'));
                          await reload();
                        }, setError)
                      }
                    >
                      {t('tokens.revoke', tk.name)}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </PageBody>
  );
}
