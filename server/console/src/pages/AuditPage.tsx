/**
 * The audit log, newest first, fifty entries at a time: each entry a sentence ("who did what to
 * which version or request") with its details as labelled fields, times in China time. Filters
 * (action, who, first and last China day) are applied by the server; the CSV link downloads the
 * entries they match, in the console's language.
 */
import { useEffect, useRef, useState } from 'react';
import { AUDIT_ACTIONS, AUDIT_ACTOR_PATTERN, type AuditAction, type AuditFilter } from '@maison/privacy/contract';
import { actionLabel, describeAudit, type AuditEntry } from '../auditText';
import { chinaDayStart } from '../chinaTime';
import { ErrorBox, failureText, Heading, useConsole, when } from '../ui';

const PAGE = 50;
type FilterForm = { action: string; actor: string; from: string; to: string };
const EMPTY: FilterForm = { action: '', actor: '', from: '', to: '' };
const ACTOR = new RegExp(AUDIT_ACTOR_PATTERN);

export function AuditPage() {
  const { api, lang, t } = useConsole();
  const [form, setForm] = useState<FilterForm>(EMPTY);
  const [applied, setApplied] = useState<AuditFilter>({});
  // The rows with the filter they were loaded for: rows of an earlier filter are never shown under
  // the new filter's "current filter" line while its page is on the way.
  const [loaded, setLoaded] = useState<{ filter: AuditFilter; entries: AuditEntry[] } | null>(null);
  const entries = loaded && loaded.filter === applied ? loaded.entries : null;
  const [more, setMore] = useState(false);
  const [error, setError] = useState('');
  const [formError, setFormError] = useState('');
  const seq = useRef(0);

  const load = async (filter: AuditFilter, before?: number) => {
    const mine = ++seq.current;
    setError('');
    try {
      const page = await api.audit(filter, before);
      if (mine !== seq.current) return;
      setLoaded((old) => ({ filter, entries: [...(before && old ? old.entries : []), ...page.entries] }));
      setMore(page.entries.length === PAGE);
    } catch (err) {
      if (mine !== seq.current) return;
      setError(failureText(lang, err));
      setLoaded((old) => ({ filter, entries: before && old ? old.entries : [] }));
      setMore(false);
    }
  };
  useEffect(() => {
    void load(applied);
  }, [applied]);

  /** The form's values as a filter, or why they are not one (the server would answer 400). */
  const read = (): AuditFilter | string => {
    const actor = form.actor.trim();
    if (actor && !ACTOR.test(actor)) return t('audit.filter.badActor');
    for (const day of [form.from, form.to]) if (day && !chinaDayStart(day)) return t('err.auditDate');
    if (form.from && form.to && form.from > form.to) return t('audit.filter.badRange');
    return { ...(form.action ? { action: form.action as AuditAction } : {}), ...(actor ? { actor } : {}), ...(form.from ? { from: form.from } : {}), ...(form.to ? { to: form.to } : {}) };
  };
  const set = (key: keyof FilterForm) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value }));
  const activeText = [
    applied.action ? `${t('audit.filter.action')} ${actionLabel(applied.action, lang)}` : '',
    applied.actor ? `${t('audit.csv.who')} ${applied.actor}` : '',
    applied.from ? `${t('audit.filter.from')} ${applied.from}` : '',
    applied.to ? `${t('audit.filter.to')} ${applied.to}` : '',
  ]
    .filter(Boolean)
    .join(lang === 'zh' ? '；' : '; ');

  return (
    <div id='page-audit'>
      <Heading>{t('audit.title')}</Heading>
      <form
        id='audit-filters'
        aria-labelledby='audit-filters-title'
        noValidate
        onSubmit={(ev) => {
          ev.preventDefault();
          const filter = read();
          setFormError(typeof filter === 'string' ? filter : '');
          if (typeof filter !== 'string') setApplied(filter);
        }}
      >
        <h2 id='audit-filters-title'>{t('audit.filters')}</h2>
        <div className='filters'>
          <div>
            <label htmlFor='audit-action'>{t('audit.filter.action')}</label>
            <select id='audit-action' value={form.action} onChange={set('action')}>
              <option value=''>{t('audit.filter.allActions')}</option>
              {AUDIT_ACTIONS.map((a) => (
                <option key={a} value={a}>
                  {actionLabel(a, lang)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor='audit-actor'>{t('audit.filter.actor')}</label>
            <input type='text' id='audit-actor' maxLength={68} autoComplete='off' value={form.actor} onChange={set('actor')} />
          </div>
          <div>
            <label htmlFor='audit-from'>{t('audit.filter.from')}</label>
            <input type='text' id='audit-from' inputMode='numeric' placeholder='2026-05-01' aria-describedby='audit-day-hint' maxLength={10} size={11} value={form.from} onChange={set('from')} />
          </div>
          <div>
            <label htmlFor='audit-to'>{t('audit.filter.to')}</label>
            <input type='text' id='audit-to' inputMode='numeric' placeholder='2026-05-31' aria-describedby='audit-day-hint' maxLength={10} size={11} value={form.to} onChange={set('to')} />
          </div>
        </div>
        <p className='hint' id='audit-day-hint'>
          {t('audit.filter.dayHint')}
        </p>
        <button type='submit' id='audit-apply'>
          {t('audit.filter.apply')}
        </button>
        <button
          type='button'
          id='audit-clear'
          className='secondary'
          onClick={() => {
            setForm(EMPTY);
            setFormError('');
            setApplied({});
          }}
        >
          {t('audit.filter.clear')}
        </button>
        <ErrorBox id='audit-filter-error' error={formError} />
      </form>
      <p id='audit-active' className='hint' role='status'>
        {activeText ? t('audit.filter.active', activeText) : ''}
      </p>
      <p id='audit-csv-line'>
        <a id='audit-csv' href={api.auditCsvUrl(applied, lang)} download>
          {t('audit.csv')}
        </a>{' '}
        <span className='hint'>{t('audit.csvHint')}</span>
      </p>
      <ErrorBox id='audit-error' error={error} />
      {entries === null ? (
        <p id='audit-loading' className='hint'>
          {t('loading')}
        </p>
      ) : entries.length === 0 ? (
        <p id='audit-none'>{error ? '' : t('audit.none')}</p>
      ) : (
        <div className='table-scroll'>
          <table id='audit-table'>
            <thead>
              <tr>
                {(['audit.at', 'audit.what', 'audit.details'] as const).map((k) => (
                  <th key={k} scope='col'>
                    {t(k)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <Row key={e.id} entry={e} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {more && entries && (
        <button type='button' className='secondary' id='audit-more' onClick={() => void load(applied, entries[entries.length - 1]?.id)}>
          {t('audit.more')}
        </button>
      )}
    </div>
  );
}

function Row({ entry }: { entry: AuditEntry }) {
  const { lang, t } = useConsole();
  const text = describeAudit(entry, lang);
  return (
    <tr data-action={entry.action} data-id={entry.id}>
      <td className='audit-when'>{when(lang, entry.at)}</td>
      <td>
        <span className='audit-sentence'>{text.sentence}</span>
        {text.version !== null && (
          <>
            {' '}
            <a href={`#/versions/${text.version}`} className='audit-open'>
              {t('audit.openVersion', text.version)}
            </a>
          </>
        )}
      </td>
      <td>
        {text.fields.length > 0 ? (
          <dl className='audit-fields'>
            {text.fields.map((f) => (
              <div key={f.key} data-key={f.key}>
                <dt>{f.label}</dt>
                <dd>{f.value}</dd>
              </div>
            ))}
          </dl>
        ) : (
          '—'
        )}
      </td>
    </tr>
  );
}
