/** The privacy-guide checklist to file in WeChat's admin console, and its changes since the last filing. */
import { useState } from 'react';
import { ErrorBox, Heading, PageBody, useAction, useConsole, useLoad, ViewerNote, when, who } from '../ui';

export function DeclarationsPage() {
  const { api, canWrite, lang, notify, t } = useConsole();
  const [loaded, reload] = useLoad(() => Promise.all([api.privacyGuide(), api.versions()]), 'declarations');
  const [error, setError] = useState('');
  const [busy, act] = useAction();
  return (
    <PageBody id='page-declarations' loaded={loaded}>
      {([guide, { versions }]) => {
        const active = versions.find((v) => v.status === 'active');
        return (
          <>
            <Heading>{t('decl.title')}</Heading>
            <ViewerNote />
            <p>{t('decl.intro')}</p>
            <table id='declarations-table'>
              <thead>
                <tr>
                  <th scope='col'>{t('decl.type')}</th>
                  <th scope='col'>{t('decl.purposes')}</th>
                  <th scope='col'>{t('decl.apis')}</th>
                </tr>
              </thead>
              <tbody>
                {guide.items.map((i) => (
                  <tr key={i.dataType} data-type={i.dataType}>
                    <td>
                      {i.label[lang]} ({i.dataType})
                    </td>
                    <td>
                      <ul>
                        {i.purposes.map((p, k) => (
                          <li key={k}>{p[lang]}</li>
                        ))}
                      </ul>
                    </td>
                    <td>{i.gatedApis.join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <h2>{t('decl.changes')}</h2>
            {!guide.lastFiling ? (
              <p id='decl-changes'>{t('decl.neverFiled')}</p>
            ) : (
              <>
                <p className='hint'>{t('decl.lastFiled', when(lang, guide.lastFiling.filedAt), who(lang, guide.lastFiling.filedBy), guide.lastFiling.policyVersion ?? '—')}</p>
                {guide.changes.length ? (
                  <ul id='decl-changes'>
                    {guide.changes.map((c) => (
                      <li key={c.dataType}>
                        {c.dataType}: {t(`diff.${c.change}`)}
                        {c.apisAdded.length > 0 && ` · ${t('decl.apisAdded')}: ${c.apisAdded.join(', ')}`}
                        {c.apisRemoved.length > 0 && ` · ${t('decl.apisRemoved')}: ${c.apisRemoved.join(', ')}`}
                        {c.purposesChanged && c.change === 'changed' && ` · ${t('decl.purposesChanged')}`}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p id='decl-changes'>{t('decl.noChanges')}</p>
                )}
              </>
            )}
            <form
              id='decl-form'
              onSubmit={(ev) => {
                ev.preventDefault();
                if (!active) return;
                void act(async () => {
                  await api.fileGuide(active.version);
                  notify(t('decl.filed'));
                  await reload();
                }, setError);
              }}
            >
              <button type='submit' id='decl-file' disabled={!canWrite || !active || busy}>
                {t('decl.file')}
              </button>
              <ErrorBox id='decl-error' error={error} />
            </form>
          </>
        );
      }}
    </PageBody>
  );
}
