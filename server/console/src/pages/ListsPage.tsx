/**
 * The two lists and the consents' texts of a version. On a draft each row is a card of labelled
 * fields, checked as typed with the rules the server applies on save and saved only when valid; a
 * published version's are shown as they are.
 */
import { useMemo, useRef, useState, type ReactNode } from 'react';
import type { ListView } from '@maison/privacy/contract';
import { atPath, choices, disclosureTexts, emptyRow, fieldProblems, FORM_FIELDS, listProblems, RETENTION_PARTS, withField, withPath, type FormField, type ListKind, type Row } from '../listForm';
import { disclosureLabel, fieldLabel, keyOf, rowName, valueText } from '../listDiff';
import { capabilityLabel, purposeLabel } from '../labels';
import type { TextKey } from '../texts';
import { ErrorBox, Heading, PageBody, useAction, useConsole, useLoad, ViewerNote } from '../ui';

/** The lists whose rows may be marked as not covered by the policy. */
const GAP_KINDS = ['collection', 'sharing'] as const;
/** Everything edited here: rows of the two lists may be added, removed and moved; the consents are the app's. */
const KINDS: readonly ListKind[] = ['collection', 'sharing', 'consents'];

const LANGS = ['zh', 'en'] as const;
type Localised = { zh: string; en: string };
const BLANK: Localised = { zh: '', en: '' };

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
          ? GAP_KINDS.flatMap((kind) =>
              lists[kind].items.flatMap((row) => {
                const note = (row as { notInPolicy?: Localised }).notInPolicy;
                return note ? [{ kind, id: String((row as { id?: unknown }).id), note: note[lang] }] : [];
              }),
            )
          : [];
        const status = versions.find((v) => v.version === version)?.status;
        return (
          <>
            <Heading>{t('lists.title')}</Heading>
            <ViewerNote />
            <p className='hint'>{t('lists.readonly')}</p>
            <p className='hint'>{t('lists.foldHint')}</p>
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
                {!lists.editable && status && (
                  <p className='hint' id='lists-not-draft'>
                    {t('lists.notDraft', version, t(`status.${status}`))}
                  </p>
                )}
                {/* Rows the app really has but the policy does not cover: to add in the policy's next version. */}
                <h2>{t('lists.gaps', gaps.length)}</h2>
                <ul id='lists-policy-gaps'>
                  {gaps.map((g) => (
                    <li key={`${g.kind}-${g.id}`}>
                      {t(`lists.${g.kind}`)} · {g.id}: {g.note}
                    </li>
                  ))}
                </ul>
                {KINDS.map((kind) => {
                  const list = lists[kind];
                  if (!list) return null;
                  return lists.editable ? <ListEditor key={`${kind}-${list.updatedAt ?? ''}`} kind={kind} version={version} list={list} reload={reload} /> : <ListShown key={kind} kind={kind} list={list} />;
                })}
              </>
            )}
          </>
        );
      }}
    </PageBody>
  );
}

/** Where the list comes from (saved, inherited, bundled) and how many rows it has. */
function ListSource({ kind, list, rows }: { kind: ListKind; list: ListView; rows: number }) {
  const { t } = useConsole();
  const source = list.source === 'inherited' ? t('source.inherited', list.fromVersion ?? '—') : t(`source.${list.source}`);
  return (
    <p className='hint' id={`list-${kind}-source`}>
      {t('lists.source', source)} · {t('lists.entries', rows)}
    </p>
  );
}

/** A draft's list as a form: a card per row, add, remove and reorder, checked as typed. */
function ListEditor({ kind, version, list, reload }: { kind: ListKind; version: number; list: ListView; reload: () => Promise<void> }) {
  const { api, canWrite, lang, notify, t } = useConsole();
  // Each row keeps the key it was drawn with, so moving a row moves its inputs (and their focus) with it.
  const nextKey = useRef(list.items.length);
  const [rows, setRows] = useState(() => list.items.map((value, key) => ({ key, value: value as Row })));
  const [error, setError] = useState('');
  const [busy, act] = useAction();
  const problems = useMemo(() => listProblems(kind, rows.map((r) => r.value)), [kind, rows]);
  const places = fieldProblems(problems, lang);
  const locked = !canWrite;
  const arranged = !locked && kind !== 'consents';
  const update = (i: number, value: Row) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, value } : r)));
  const move = (i: number, by: -1 | 1) =>
    setRows((rs) => {
      const next = [...rs];
      [next[i], next[i + by]] = [next[i + by]!, next[i]!];
      return next;
    });
  return (
    <section id={`list-${kind}`} className='list-editor' aria-labelledby={`list-${kind}-heading`}>
      <h2 id={`list-${kind}-heading`}>{t(`lists.${kind}`)}</h2>
      <ListSource kind={kind} list={list} rows={rows.length} />
      <form
        id={`list-${kind}-form`}
        noValidate
        onSubmit={(ev) => {
          ev.preventDefault();
          if (problems.length > 0) return;
          void act(async () => {
            await api.saveList(version, kind, rows.map((r) => r.value));
            notify(t('lists.saved'));
            await reload();
          }, setError);
        }}
      >
        <ol className='list-rows'>
          {rows.map((r, i) => (
            <li key={r.key}>
              <RowCard kind={kind} index={i} row={r.value} places={places} locked={locked} onChange={(value) => update(i, value)} />
              {arranged && (
                <div className='row-actions'>
                  <button type='button' id={`${kind}-${i}-up`} disabled={i === 0} onClick={() => move(i, -1)}>
                    {t('lists.up', i + 1)}
                  </button>
                  <button type='button' id={`${kind}-${i}-down`} disabled={i === rows.length - 1} onClick={() => move(i, 1)}>
                    {t('lists.down', i + 1)}
                  </button>
                  <button type='button' id={`${kind}-${i}-remove`} onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))}>
                    {t('lists.remove', i + 1)}
                  </button>
                </div>
              )}
            </li>
          ))}
        </ol>
        {arranged && (
          <button type='button' id={`list-${kind}-add`} onClick={() => setRows((rs) => [...rs, { key: nextKey.current++, value: emptyRow(kind) }])}>
            {t('lists.add')}
          </button>
        )}
        <Problem id={`list-${kind}-problem`} text={places.get('')} />
        <p className='hint' id={`list-${kind}-check`} aria-live='polite'>
          {problems.length > 0 ? t('lists.invalid', problems.length) : t('lists.valid')} {t('lists.saveHint')}
        </p>
        <button type='submit' id={`list-${kind}-save`} disabled={locked || busy || problems.length > 0} aria-describedby={`list-${kind}-check`}>
          {t('lists.save')}
        </button>
        <ErrorBox id={`list-${kind}-error`} error={error} />
      </form>
    </section>
  );
}

/** The problem of a place, as the field's description: its element's id, or nothing when there is none. */
function Problem({ id, text }: { id: string; text: string | undefined }) {
  return text ? (
    <p id={id} className='field-problem'>
      {text}
    </p>
  ) : null;
}

/** `aria-invalid` and `aria-describedby` of an input, from the problems that concern it. */
const described = (entries: [string, string | undefined][], hint?: string) => {
  const ids = [...(hint ? [hint] : []), ...entries.filter(([, text]) => text).map(([id]) => id)];
  return { 'aria-invalid': entries.some(([, text]) => text) || undefined, 'aria-describedby': ids.length ? ids.join(' ') : undefined };
};

/** One row as a card of labelled fields. */
function RowCard({ kind, index, row, places, locked, onChange }: { kind: ListKind; index: number; row: Row; places: Map<string, string>; locked: boolean; onChange: (row: Row) => void }) {
  const { lang, t } = useConsole();
  const base = `${kind}-${index}`;
  const idProblem = places.get(`${index}.id`);
  const rowProblem = places.get(String(index));
  const title = t('lists.row', index + 1, rowName(kind, row, lang) || t('lists.newRow'));
  const invalid = [...places.keys()].some((k) => k === String(index) || k.startsWith(`${index}.`));
  return (
    <RowFold id={`${base}-row`} title={title} invalid={invalid} startOpen={!keyOf(kind, row)}>
      <fieldset className='list-row' data-id={keyOf(kind, row)}>
        {/* The summary shows the row's name; the legend still names the group for screen readers. */}
        <legend className='visually-hidden'>{title}</legend>
        <Problem id={`${base}-problem`} text={rowProblem} />
        {kind === 'consents' ? (
          <p className='field' id={`${base}-purpose`}>
            <strong>{t('field.consentPurpose')}</strong> {keyOf(kind, row)}
          </p>
        ) : (
          <div className='field'>
            <label htmlFor={`${base}-id`}>{t('field.id')}</label>
            <p className='hint' id={`${base}-id-hint`}>
              {t('field.idHint')}
            </p>
            <input
              type='text'
              id={`${base}-id`}
              value={String(row.id ?? '')}
              readOnly={locked}
              spellCheck={false}
              {...described([[`${base}-id-problem`, idProblem]], `${base}-id-hint`)}
              onChange={(e) => onChange({ ...row, id: e.target.value })}
            />
            <Problem id={`${base}-id-problem`} text={idProblem} />
          </div>
        )}
        {FORM_FIELDS[kind].map((field) => (
          <FieldInput key={field.name} field={field} base={`${base}-${field.name}`} place={`${index}.${field.name}`} row={row} places={places} locked={locked} lang={lang} onChange={onChange} />
        ))}
        {kind === 'consents' && (
          <fieldset className='field-group' id={`${base}-disclosure`}>
            <legend>{t('field.disclosure')}</legend>
            <Problem id={`${base}-disclosure-problem`} text={places.get(`${index}.disclosure`)} />
            {disclosureTexts(row.disclosure).map((d) => (
              <BilingualText
                key={d.path}
                base={`${base}-${d.path.replace(/[.[\]]+/g, '-').replace(/-$/, '')}`}
                place={`${index}.${d.path}`}
                label={disclosureLabel(d, lang)}
                value={(atPath(row, d.path) as Localised | undefined) ?? BLANK}
                places={places}
                locked={locked}
                onChange={(v) => onChange(withPath(row, d.path, v))}
              />
            ))}
          </fieldset>
        )}
      </fieldset>
    </RowFold>
  );
}

/**
 * A row folded to its name, so a long list reads as an index: opened by a click, and kept open
 * while the row has a problem (a new row starts open). `invalid` marks the name too.
 */
function RowFold({ id, title, invalid, startOpen, children }: { id: string; title: string; invalid: boolean; startOpen: boolean; children: ReactNode }) {
  const { t } = useConsole();
  const [open, setOpen] = useState(startOpen);
  return (
    <details className='row-fold' id={id} open={open || invalid} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary id={`${id}-toggle`}>
        {title} {invalid && <span className='badge badge-gap'>{t('lists.rowInvalid')}</span>}
      </summary>
      {children}
    </details>
  );
}

interface FieldProps {
  field: FormField;
  /** The id its inputs start with. */
  base: string;
  /** Its place in the problems (`row.field`). */
  place: string;
  row: Row;
  places: Map<string, string>;
  locked: boolean;
  lang: 'zh' | 'en';
  onChange: (row: Row) => void;
}

/** One field of a row, drawn as its kind of input. */
function FieldInput({ field, base, place, row, places, locked, lang, onChange }: FieldProps) {
  const { t } = useConsole();
  const label = t(`field.${field.name}` as TextKey);
  const problem = places.get(place);
  const set = (value: unknown) => onChange(withField(row, field, value));
  switch (field.input) {
    case 'text':
      return <BilingualText base={base} place={place} label={label} value={(row[field.name] as Localised | undefined) ?? BLANK} places={places} locked={locked} onChange={set} />;
    case 'retention': {
      const value = (row[field.name] as Record<'period' | 'atEnd', Localised> | undefined) ?? { period: BLANK, atEnd: BLANK };
      return (
        <fieldset className='field-group' id={base}>
          <legend>{label}</legend>
          <Problem id={`${base}-problem`} text={problem} />
          {RETENTION_PARTS.map((part) => (
            <BilingualText
              key={part}
              base={`${base}-${part}`}
              place={`${place}.${part}`}
              label={t(`field.retention.${part}`)}
              value={value[part]}
              places={places}
              locked={locked}
              outer={[`${base}-problem`, problem]}
              onChange={(v) => set({ ...value, [part]: v })}
            />
          ))}
        </fieldset>
      );
    }
    case 'bool':
      return (
        <div className='field field-check'>
          <input type='checkbox' id={base} checked={row[field.name] === true} disabled={locked} onChange={(e) => set(e.target.checked)} />
          <label htmlFor={base}>{label}</label>
        </div>
      );
    case 'line':
      return (
        <div className='field'>
          <label htmlFor={base}>{label}</label>
          <input type='text' id={base} value={String(row[field.name] ?? '')} readOnly={locked} spellCheck={false} {...described([[`${base}-problem`, problem]])} onChange={(e) => set(e.target.value)} />
          <Problem id={`${base}-problem`} text={problem} />
        </div>
      );
    default: {
      const name = (value: string) => (field.input === 'consent' ? purposeLabel(value, lang) : field.input === 'capability' ? capabilityLabel(value, lang) : t(`sharingType.${value}` as TextKey));
      return (
        <div className='field'>
          <label htmlFor={base}>{label}</label>
          <select id={base} value={String(row[field.name] ?? '')} disabled={locked} {...described([[`${base}-problem`, problem]])} onChange={(e) => set(e.target.value)}>
            {field.optional && <option value=''>{t('lists.none')}</option>}
            {choices(field.input).map((c) => (
              <option key={c} value={c}>
                {name(c)}
              </option>
            ))}
          </select>
          <Problem id={`${base}-problem`} text={problem} />
        </div>
      );
    }
  }
}

/** Rows enough to show a text whole in its half of the card (about 28 Chinese or 55 Latin characters a line), two to eight. */
const textRows = (text: string, lang: 'zh' | 'en') => Math.min(8, Math.max(2, Math.ceil(text.length / (lang === 'zh' ? 28 : 55)) + 1));

/**
 * A text in both languages: a group with one labelled box per language, each with its own problem;
 * `outer` is the problem of a group it sits in (the retention's), which describes its boxes too.
 */
function BilingualText(props: { base: string; place: string; label: string; value: Localised; places: Map<string, string>; locked: boolean; outer?: [string, string | undefined]; onChange: (v: Localised) => void }) {
  const { base, place, label, value, places, locked, outer, onChange } = props;
  const { t } = useConsole();
  const group = places.get(place);
  return (
    <fieldset className='field-group' id={base}>
      <legend>{label}</legend>
      <Problem id={`${base}-problem`} text={group} />
      {LANGS.map((l) => {
        const own = places.get(`${place}.${l}`);
        const id = `${base}-${l}`;
        return (
          <div className='field' key={l}>
            <label htmlFor={id}>{t(l === 'zh' ? 'lists.inZh' : 'lists.inEn', label)}</label>
            <textarea
              id={id}
              rows={textRows(value[l], l)}
              lang={l === 'zh' ? 'zh-CN' : 'en'}
              value={value[l]}
              readOnly={locked}
              {...described([...(outer ? [outer] : []), [`${base}-problem`, group], [`${id}-problem`, own]])}
              onChange={(e) => onChange({ ...value, [l]: e.target.value })}
            />
            <Problem id={`${id}-problem`} text={own} />
          </div>
        );
      })}
    </fieldset>
  );
}

/** A published version's list, as it is: each row's fields by their labels, texts in both languages. */
function ListShown({ kind, list }: { kind: ListKind; list: ListView }) {
  const { lang, t } = useConsole();
  const rows = list.items as Row[];
  const both = (label: string, value: Localised): [string, string, string | undefined][] => LANGS.map((l) => [t(l === 'zh' ? 'lists.inZh' : 'lists.inEn', label), value[l], l === 'zh' ? 'zh-CN' : 'en']);
  const pairs = (name: string, value: unknown): [string, string, string | undefined][] => {
    if (kind === 'consents' && name === 'purpose') return [[t('field.consentPurpose'), String(value), undefined]];
    const local = value as Localised;
    if (typeof local === 'object' && local !== null && typeof local.zh === 'string') return both(fieldLabel(name, lang), local);
    if (name === 'retention') return RETENTION_PARTS.flatMap((part) => pairs(`retention.${part}`, (value as Record<string, unknown>)[part]));
    if (name === 'disclosure') return disclosureTexts(value).flatMap((d) => both(disclosureLabel(d, lang), atPath({ disclosure: value }, d.path) as Localised));
    return [[fieldLabel(name, lang), valueText(name, value, lang) ?? '', undefined]];
  };
  const names = [kind === 'consents' ? 'purpose' : 'id', ...FORM_FIELDS[kind].map((f) => f.name), ...(kind === 'consents' ? ['disclosure'] : [])];
  return (
    <section id={`list-${kind}`} aria-labelledby={`list-${kind}-heading`}>
      <h2 id={`list-${kind}-heading`}>{t(`lists.${kind}`)}</h2>
      <ListSource kind={kind} list={list} rows={rows.length} />
      <ol className='list-rows'>
        {rows.map((row, i) => (
          <li key={keyOf(kind, row)} data-id={keyOf(kind, row)}>
            <RowFold id={`${kind}-${i}-row`} title={t('lists.row', i + 1, rowName(kind, row, lang))} invalid={false} startOpen={false}>
              <dl>
                {names
                  .filter((name) => row[name] !== undefined)
                  .flatMap((name) => pairs(name, row[name]))
                  .map(([label, text, textLang]) => (
                    <div key={label}>
                      <dt>{label}</dt>
                      <dd lang={textLang}>{text}</dd>
                    </div>
                  ))}
              </dl>
            </RowFold>
          </li>
        ))}
      </ol>
    </section>
  );
}
