/** The audit log, newest first, fifty entries at a time. */
import { useEffect, useState } from 'react';
import type { AuditPage as AuditAnswer } from '@maison/privacy/contract';
import { ErrorBox, failureText, Heading, useConsole, when } from '../ui';

type Entry = AuditAnswer['entries'][number];

export function AuditPage() {
  const { api, lang, t } = useConsole();
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [more, setMore] = useState(false);
  const [error, setError] = useState('');
  const load = async (before?: number) => {
    try {
      const page = await api.audit(before);
      setEntries((old) => [...(before ? (old ?? []) : []), ...page.entries]);
      setMore(page.entries.length === 50);
    } catch (err) {
      setError(failureText(t, err));
      setEntries((old) => old ?? []);
    }
  };
  useEffect(() => {
    void load();
  }, []);
  if (entries === null) return <p className='hint'>{t('loading')}</p>;
  return (
    <div id='page-audit'>
      <Heading>{t('audit.title')}</Heading>
      <table id='audit-table'>
        <thead>
          <tr>
            {(['audit.at', 'audit.actor', 'audit.action', 'audit.target', 'audit.details'] as const).map((k) => (
              <th key={k} scope='col'>
                {t(k)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id} data-action={e.action}>
              <td>{when(lang, e.at)}</td>
              <td>{e.actor}</td>
              <td>{e.action}</td>
              <td>{e.target ?? '—'}</td>
              <td>
                <pre>{JSON.stringify(e.details)}</pre>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {more && (
        <button type='button' className='secondary' id='audit-more' onClick={() => void load(entries[entries.length - 1]?.id)}>
          {t('audit.more')}
        </button>
      )}
      <ErrorBox id='audit-error' error={error} />
    </div>
  );
}
