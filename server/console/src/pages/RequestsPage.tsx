/**
 * The request desk: shoppers' rights requests, earliest deadline first, with what each is about
 * (the collection list's rows in force, by name) and the shopper's words; a publisher answers
 * each, a refusal with its reason in both languages (PIPL art. 50).
 */
import { useState } from 'react';
import type { CollectionItem, OpsRightsRequestList, RightsRequestOutcome } from '@maison/privacy/contract';
import { ErrorBox, Heading, PageBody, useAction, useConsole, useLoad, ViewerNote, when } from '../ui';

type Request = OpsRightsRequestList['requests'][number];
const FILTERS = ['open', 'all', 'fulfilled', 'refused', 'withdrawn'] as const;
type Filter = (typeof FILTERS)[number];
const DAY_MS = 24 * 3600 * 1000;
/** Midnight (as UTC) of the China-time date of an instant: days are counted on China's calendar, as deadlines are. */
const chinaDay = (ms: number): number => Date.parse(new Date(ms + 8 * 3600 * 1000).toISOString().slice(0, 10));

export function RequestsPage() {
  const { api, t, notify } = useConsole();
  const [filter, setFilter] = useState<Filter>('open');
  const [loaded, reload] = useLoad(async () => {
    const [requests, versions] = await Promise.all([api.requests(filter === 'all' ? undefined : filter), api.versions()]);
    const active = versions.versions.find((v) => v.status === 'active');
    const names = new Map<string, { zh: string; en: string }>();
    if (active) for (const row of (await api.lists(Number(active.version))).collection.items as unknown as CollectionItem[]) names.set(row.id, row.category);
    return { requests: requests.requests, names };
  }, filter);
  return (
    <div id='page-requests'>
      <Heading>{t('requests.title')}</Heading>
      <p className='hint'>{t('requests.intro')}</p>
      <ViewerNote />
      <label htmlFor='requests-filter'>{t('requests.filter')}</label>{' '}
      <select id='requests-filter' value={filter} onChange={(e) => {
          notify('');
          setFilter(e.target.value as Filter);
        }}>
        {FILTERS.map((f) => (
          <option key={f} value={f}>
            {t(`requests.filter.${f}`)}
          </option>
        ))}
      </select>
      <PageBody id='requests-body' loaded={loaded}>
        {({ requests, names }) =>
          requests.length === 0 ? (
            <p className='hint' id='requests-none'>
              {t('requests.none')}
            </p>
          ) : (
            <ul className='requests' id='requests-list'>
              {requests.map((r) => (
                <RequestCard key={r.id} request={r} names={names} onDecided={reload} />
              ))}
            </ul>
          )
        }
      </PageBody>
    </div>
  );
}

function RequestCard({ request: r, names, onDecided }: { request: Request; names: Map<string, { zh: string; en: string }>; onDecided: () => Promise<void> }) {
  const { api, lang, t, canWrite, notify } = useConsole();
  const [reasonZh, setReasonZh] = useState('');
  const [reasonEn, setReasonEn] = useState('');
  const [error, setError] = useState('');
  const [busy, run] = useAction();
  const open = r.status === 'received' || r.status === 'in-progress';
  const daysLeft = Math.round((chinaDay(Date.parse(r.deadline)) - chinaDay(Date.now())) / DAY_MS);
  const due = !open ? null : daysLeft < 0 ? 'overdue' : daysLeft <= 3 ? 'near' : 'ok';
  const heading = `request-${r.id}-title`;
  const decide = (outcome: RightsRequestOutcome) =>
    run(async () => {
      const reason = reasonZh.trim() || reasonEn.trim() ? { zh: reasonZh.trim(), en: reasonEn.trim() } : undefined;
      if (outcome === 'refused' && (!reason || !reason.zh || !reason.en)) throw new Error(t('requests.needReason'));
      await api.decideRequest(r.id, outcome, reason);
      notify(t(outcome === 'fulfilled' ? 'requests.fulfilledDone' : 'requests.refusedDone', t(`requests.type.${r.type}`)));
      await onDecided();
    }, setError);
  return (
    <li className='request' data-id={r.id} data-status={r.status} aria-labelledby={heading}>
      <h2 id={heading}>
        {t(`requests.type.${r.type}`)} <span className={`badge request-${r.status}`}>{t(`requests.status.${r.status}`)}</span>
      </h2>
      <dl>
        <dt>{t('requests.received')}</dt>
        <dd>{when(lang, r.receivedAt)}</dd>
        <dt>{t('requests.deadline')}</dt>
        <dd className={due === null ? undefined : `due-${due}`}>
          {when(lang, r.deadline)}
          {due !== null && ` · ${daysLeft < 0 ? t('requests.overdue', -daysLeft) : t('requests.daysLeft', daysLeft)}`}
        </dd>
        <dt>{t('requests.subject')}</dt>
        <dd>
          <code>{r.subject}</code>
        </dd>
        {r.categories.length > 0 && (
          <>
            <dt>{t('requests.categories')}</dt>
            <dd className='request-categories'>{r.categories.map((c) => names.get(c)?.[lang] ?? c).join(lang === 'zh' ? '、' : ', ')}</dd>
          </>
        )}
        {r.details !== null && (
          <>
            <dt>{t('requests.details')}</dt>
            <dd className='request-details'>{r.details}</dd>
          </>
        )}
        {r.decidedAt !== undefined && (
          <>
            <dt>{t('requests.decided')}</dt>
            <dd>{when(lang, r.decidedAt)}</dd>
          </>
        )}
        {r.reason !== undefined && (
          <>
            <dt>{t('requests.reason')}</dt>
            <dd className='request-reason'>{r.reason[lang]}</dd>
          </>
        )}
      </dl>
      {open && canWrite && (
        <div className='request-decision' role='group' aria-labelledby={heading}>
          <label htmlFor={`reason-zh-${r.id}`}>{t('requests.reasonZh')}</label>
          <textarea id={`reason-zh-${r.id}`} rows={2} maxLength={2000} value={reasonZh} onChange={(e) => setReasonZh(e.target.value)} />
          <label htmlFor={`reason-en-${r.id}`}>{t('requests.reasonEn')}</label>
          <textarea id={`reason-en-${r.id}`} rows={2} maxLength={2000} value={reasonEn} onChange={(e) => setReasonEn(e.target.value)} />
          <p className='hint'>{t('requests.reasonHint')}</p>
          <div className='request-actions'>
            <button type='button' className='request-fulfil' disabled={busy} onClick={() => void decide('fulfilled')}>
              {t('requests.fulfil')}
            </button>
            <button type='button' className='secondary request-refuse' disabled={busy} onClick={() => void decide('refused')}>
              {t('requests.refuse')}
            </button>
          </div>
          <ErrorBox id={`request-error-${r.id}`} error={error} />
        </div>
      )}
    </li>
  );
}
