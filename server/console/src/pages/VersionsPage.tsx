/** The version list, scheduled activations and the new-draft forms. */
import { useState } from 'react';
import type { DraftAnswer } from '@maison/privacy/contract';
import { ErrorBox, Heading, PageBody, StatusBadge, useAction, useConsole, useLoad, ViewerNote, when, who } from '../ui';

export function VersionsPage() {
  const { api, lang, t } = useConsole();
  const [loaded] = useLoad(() => Promise.all([api.versions(), api.activations()]), 'versions');
  return (
    <PageBody id='page-versions' loaded={loaded}>
      {([{ versions, scheduled }, { activations }]) => {
        const lastActivation = (v: number) => [...activations].reverse().find((a) => a.version === v && Date.parse(a.effectiveAt) <= Date.now());
        return (
          <>
            <Heading>{t('versions.title')}</Heading>
            <ViewerNote />
            {versions.length === 0 ? (
              <p>{t('versions.none')}</p>
            ) : (
              <table id='versions-table'>
                <thead>
                  <tr>
                    {(['col.version', 'col.status', 'col.material', 'col.created', 'col.published', 'col.activated'] as const).map((k) => (
                      <th key={k} scope='col'>
                        {t(k)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {versions.map((v) => {
                    const a = lastActivation(v.version);
                    return (
                      <tr key={v.version} data-version={v.version}>
                        <td>
                          <a href={`#/versions/${v.version}`} id={`open-v${v.version}`}>
                            v{v.version}
                          </a>
                        </td>
                        <td>
                          <StatusBadge status={v.status} />
                        </td>
                        <td>{v.status === 'draft' ? '—' : v.material ? t('yes') : t('no')}</td>
                        <td>
                          {when(lang, v.createdAt)}
                          <br />
                          {t('by')} {who(lang, v.createdBy)}
                        </td>
                        <td>
                          {v.publishedAt ? (
                            <>
                              {when(lang, v.publishedAt)}
                              <br />
                              {t('by')} {who(lang, v.publishedBy)}
                            </>
                          ) : (
                            '—'
                          )}
                        </td>
                        <td>
                          {a ? (
                            <>
                              {when(lang, a.effectiveAt)}
                              <br />
                              {t('by')} {who(lang, a.createdBy)}
                            </>
                          ) : (
                            '—'
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            )}
            {scheduled.length > 0 && (
              <>
                <h2>{t('scheduled.title')}</h2>
                <table id='scheduled-table'>
                  <thead>
                    <tr>
                      <th scope='col'>{t('col.version')}</th>
                      <th scope='col'>{t('col.activated')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {scheduled.map((s) => (
                      <tr key={`${s.version}-${s.effectiveAt}`}>
                        <td>v{s.version}</td>
                        <td>
                          {when(lang, s.effectiveAt)}
                          <br />
                          {t('by')} {who(lang, s.createdBy)}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            )}
            <DraftForms />
          </>
        );
      }}
    </PageBody>
  );
}

function DraftForms() {
  const { api, canWrite, notify, draftNotes, t } = useConsole();
  const [text, setText] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState('');
  const [busy, act] = useAction();
  const created = (answer: DraftAnswer) => {
    draftNotes.set(answer.version, answer.warnings);
    notify(t('draft.created', answer.version), true);
    window.location.hash = `#/versions/${answer.version}`;
  };
  const fromFile = async () => {
    if (!file) throw new Error(t('draft.noFile'));
    let content: unknown;
    try {
      content = JSON.parse(await file.text());
    } catch {
      throw new Error(t('draft.badJson'));
    }
    created(await api.createDraft({ content }));
  };
  return (
    <section aria-labelledby='draft-title'>
      <h2 id='draft-title'>{t('draft.title')}</h2>
      <form
        id='draft-text-form'
        onSubmit={(ev) => {
          ev.preventDefault();
          void act(async () => created(await api.createDraft({ text })), setError);
        }}
      >
        <label htmlFor='draft-text'>{t('draft.text')}</label>
        <textarea id='draft-text' rows={10} required disabled={!canWrite} value={text} onChange={(e) => setText(e.target.value)} />
        <button type='submit' id='draft-text-submit' disabled={!canWrite || busy}>
          {t('draft.textSubmit')}
        </button>
      </form>
      <form
        id='draft-file-form'
        onSubmit={(ev) => {
          ev.preventDefault();
          void act(fromFile, setError);
        }}
      >
        <label htmlFor='draft-file'>{t('draft.file')}</label>
        <input type='file' id='draft-file' accept='application/json,.json' disabled={!canWrite} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        <br />
        <button type='submit' id='draft-file-submit' disabled={!canWrite || busy}>
          {t('draft.fileSubmit')}
        </button>
      </form>
      <ErrorBox id='draft-error' error={error} />
    </section>
  );
}
