/** A version's list and consent-text changes against the version its policy text is compared with, row by row, in the console's language. */
import type { VersionLists } from '@maison/privacy/contract';
import { atPath } from './listForm';
import { CONTENT_KINDS, disclosureChanges, disclosureLabel, fieldLabel, orderChanged, rowChanges, rowName, valueText, type ContentKind, type RowChange } from './listDiff';
import { wordDiff } from './wordDiff';
import { useConsole } from './ui';

const KIND_TITLE = { collection: 'lists.collection', sharing: 'lists.sharing', consents: 'listDiff.consents' } as const;

/** Words added and removed from `before` to `after`. */
function Words({ before, after }: { before: string; after: string }) {
  const { lang } = useConsole();
  return (
    <>
      {lang === 'zh' ? '：' : ': '}
      {wordDiff(before, after, lang).map((part, j) => (part.change === 'added' ? <ins key={j}>{part.text}</ins> : part.change === 'removed' ? <del key={j}>{part.text}</del> : <span key={j}>{part.text}</span>))}
    </>
  );
}

/** One changed field: its label and, where it reads as one line, its words added and removed; a consent's disclosure text by text. */
function FieldChange({ field, change }: { field: string; change: RowChange }) {
  const { lang } = useConsole();
  const before = valueText(field, change.before?.[field], lang);
  const after = valueText(field, change.after?.[field], lang);
  const texts = field === 'disclosure' ? disclosureChanges(change.before?.disclosure, change.after?.disclosure) : [];
  const textOf = (side: Record<string, unknown> | null, path: string) => valueText('', atPath({ disclosure: side?.disclosure }, path), lang) ?? '';
  return (
    <li data-field={field}>
      <span className='list-diff-field'>{fieldLabel(field, lang)}</span>
      {before !== null && after !== null && <Words before={before} after={after} />}
      {texts.length > 0 && (
        <ul>
          {texts.map((d) => (
            <li key={d.path} data-field={d.path}>
              <span className='list-diff-field'>{disclosureLabel(d, lang)}</span>
              <Words before={textOf(change.before, d.path)} after={textOf(change.after, d.path)} />
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

function KindChanges({ kind, before, after }: { kind: ContentKind; before: VersionLists; after: VersionLists }) {
  const { lang, t } = useConsole();
  const changes = rowChanges(kind, before, after);
  const moved = orderChanged(kind, before, after);
  if (changes.length === 0 && !moved) return null;
  const total = ((after[kind]?.items ?? []) as unknown[]).length;
  const changedHere = changes.filter((c) => c.status !== 'removed').length;
  return (
    <div className='diff-section' id={`list-diff-${kind}`} data-list={kind}>
      <h4>{t(KIND_TITLE[kind])}</h4>
      <ul>
        {changes.map((c) => (
          <li key={`${c.status}-${c.key}`} className='list-diff-row' data-key={c.key} data-status={c.status}>
            <span className='badge'>{t(`diff.${c.status}`)}</span> <strong>{rowName(kind, (c.after ?? c.before)!, lang)}</strong>
            {c.status === 'changed' && (
              <ul className='list-diff-fields'>
                {c.fields.map((f) => (
                  <FieldChange key={f} field={f} change={c} />
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
      {moved && <p className='hint'>{t('listDiff.moved')}</p>}
      <p className='hint'>{t('listDiff.unchanged', total - changedHere)}</p>
    </div>
  );
}

/** The changes of the lists and consent texts from `before` (version `against`) to `after`. */
export function ListChanges({ against, before, after }: { against: number; before: VersionLists; after: VersionLists }) {
  const { t } = useConsole();
  const any = CONTENT_KINDS.some((kind) => rowChanges(kind, before, after).length > 0 || orderChanged(kind, before, after));
  return (
    <div id='list-diff'>
      <h3 id='list-diff-heading'>{t('listDiff.title', against)}</h3>
      {any ? CONTENT_KINDS.map((kind) => <KindChanges key={kind} kind={kind} before={before} after={after} />) : <p id='list-diff-none'>{t('listDiff.none')}</p>}
    </div>
  );
}
