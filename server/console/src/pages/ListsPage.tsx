/** The two lists of a version, edited as JSON on a draft and checked by the server. */
import { useState } from 'react';
import type { ListView } from '@maison/privacy/contract';
import { ErrorBox, Heading, PageBody, useAction, useConsole, useLoad, ViewerNote } from '../ui';

const KINDS = ['collection', 'sharing'] as const;

export function ListsPage({ chosen }: { chosen: number | null }) {
  const { api, lang, t } = useConsole();
  const [loaded, reload] = useLoad(async () => {
    const { versions } = await api.versions();
    const fallback = versions.find((v) => v.status === 'draft') ?? versions.find((v) => v.status === 'active') ?? versions[0];
    const version = chosen ?? fallback?.version ?? null;
    return { versions, version, lists: version === null ? null : await api.lists(version) };
  }, `lists-${chosen ?? ''}`);
  return (
    <PageBody id='page-lists' loaded={loaded}>
      {({ versions, version, lists }) => {
        const gaps = lists
          ? KINDS.flatMap((kind) =>
              lists[kind].items.flatMap((row) => {
                const note = (row as { notInPolicy?: { zh: string; en: string } }).notInPolicy;
                return note ? [{ kind, id: String((row as { id?: unknown }).id), note: note[lang] }] : [];
              }),
            )
          : [];
        return (
          <>
            <Heading>{t('lists.title')}</Heading>
            <ViewerNote />
            <p className='hint'>{t('lists.readonly')}</p>
            {version !== null && lists && (
              <>
                <label htmlFor='lists-version'>{t('lists.version')}</label>
                <select id='lists-version' value={version} onChange={(e) => (window.location.hash = `#/lists/${e.target.value}`)}>
                  {versions.map((v) => (
                    <option key={v.version} value={v.version}>
                      v{v.version} ({t(`status.${v.status}`)})
                    </option>
                  ))}
                </select>
                {/* Rows the app really has but the policy does not cover: to add in the policy's next version. */}
                <h2>{t('lists.gaps', gaps.length)}</h2>
                <ul id='lists-policy-gaps'>
                  {gaps.map((g) => (
                    <li key={`${g.kind}-${g.id}`}>
                      {t(`lists.${g.kind}`).replace(/（JSON）| \(JSON\)/, '')} · {g.id}: {g.note}
                    </li>
                  ))}
                </ul>
                {KINDS.map((kind) => (
                  <ListForm key={`${kind}-${lists[kind].updatedAt ?? ''}`} kind={kind} version={version} list={lists[kind]} editable={lists.editable} reload={reload} />
                ))}
              </>
            )}
          </>
        );
      }}
    </PageBody>
  );
}

function ListForm({ kind, version, list, editable, reload }: { kind: (typeof KINDS)[number]; version: number; list: ListView; editable: boolean; reload: () => Promise<void> }) {
  const { api, canWrite, notify, t } = useConsole();
  const [text, setText] = useState(() => JSON.stringify(list.items, null, 2));
  const [error, setError] = useState('');
  const [busy, act] = useAction();
  const source = list.source === 'inherited' ? t('source.inherited', list.fromVersion ?? '—') : t(`source.${list.source}`);
  return (
    <form
      id={`list-${kind}-form`}
      onSubmit={(ev) => {
        ev.preventDefault();
        void act(async () => {
          let items: unknown;
          try {
            items = JSON.parse(text);
          } catch (err) {
            throw new Error(t('lists.badJson') + (err instanceof Error ? err.message : String(err)));
          }
          await api.saveList(version, kind, items);
          notify(t('lists.saved'));
          await reload();
        }, setError);
      }}
    >
      <label htmlFor={`list-${kind}`}>{t(`lists.${kind}`)}</label>
      <p className='hint' id={`list-${kind}-source`}>
        {t('lists.source', source)} · {t('lists.entries', list.items.length)}
      </p>
      <textarea id={`list-${kind}`} rows={16} spellCheck={false} aria-describedby={`list-${kind}-source`} readOnly={!(editable && canWrite)} value={text} onChange={(e) => setText(e.target.value)} />
      <button type='submit' id={`list-${kind}-save`} disabled={!canWrite || !editable || busy}>
        {t('lists.save')}
      </button>
      <ErrorBox id={`list-${kind}-error`} error={error} />
    </form>
  );
}
