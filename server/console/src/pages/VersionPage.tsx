/**
 * One version, what ops act on first: its status and summary, the importer's notes, the content
 * check (material changes, compliance gaps), the word-level diff with the lists' changes beside it, then the actions — publish
 * (with an audited override where the check asks for one) and activate now or at a set time (with
 * confirmation). The whole policy as shoppers see it comes last, folded until opened.
 */
import { useEffect, useRef, useState } from 'react';
import type { ActivationHistory, AdminStats, PublishFindings, VersionDetail, VersionDiff, VersionLists, VersionMeta } from '@maison/privacy/contract';
import { describeFinding, overrideNeeded, reasonProblem, type Finding } from '../findings';
import { importNote } from '../importNotes';
import { ListChanges } from '../ListChanges';
import { reconsentImpact } from '../impact';
import { PolicyPreview } from '../PolicyPreview';
import { sectionRows } from '../wordDiff';
import { chinaTimeToIso, ErrorBox, failureText, Heading, PageBody, StatusBadge, useAction, useConsole, useLoad, ViewerNote, when } from '../ui';

interface VersionData {
  v: VersionDetail;
  diff: VersionDiff;
  versions: VersionMeta[];
  findings: PublishFindings;
  lists: VersionLists;
  /** The lists of the version the diff compares with (`diff.against`), if any. */
  baseLists: VersionLists | null;
}

/** What the confirmation counts from: read when it opens, so the numbers are those of that moment. */
interface ImpactData {
  activations: ActivationHistory['activations'];
  stats: AdminStats;
  statsAt: string;
}

export function VersionPage({ version }: { version: number }) {
  const { api, t } = useConsole();
  const [loaded, reload] = useLoad(async (): Promise<VersionData> => {
    const [v, diff, { versions }, findings, lists] = await Promise.all([api.version(version), api.diff(version), api.versions(), api.findings(version), api.lists(version)]);
    const baseLists = diff.against === null ? null : await api.lists(diff.against);
    return { v, diff, versions, findings, lists, baseLists };
  }, `version-${version}`);
  return (
    <PageBody id='page-versions' loaded={loaded}>
      {(data) => (
        <>
          <p>
            <a href='#/versions'>{t('detail.back')}</a>
          </p>
          <Heading>{t('detail.title', version)}</Heading>
          <ViewerNote />
          <Meta data={data} />
          <ImportNotes version={version} />
          <Findings data={data} />
          <Diff data={data} />
          {data.v.status === 'draft' && <PublishForm version={version} findings={data.findings} reload={reload} />}
          <ActivateForm data={data} reload={reload} />
          <Preview data={data} />
        </>
      )}
    </PageBody>
  );
}

function ImportNotes({ version }: { version: number }) {
  const { draftNotes, lang, t } = useConsole();
  const notes = draftNotes.get(version);
  if (!notes?.length) return null;
  return (
    <section className='warnings' id='draft-warnings' aria-labelledby='warnings-title'>
      <h2 id='warnings-title'>{t('notes.title')}</h2>
      <ul>
        {notes.map((raw, i) => {
          const note = importNote(raw, lang);
          return (
            <li key={i} data-code={note.code} data-raw={raw}>
              <span className='note-text'>{note.text}</span>
              {note.where && (
                <span className='note-detail'>
                  {' '}
                  {t('note.where')}
                  {lang === 'zh' ? '：' : ': '}
                  {note.where}
                  {lang === 'zh' ? '。' : '.'}
                </span>
              )}
              {note.fact && <span className='note-detail'> {note.fact}</span>}
              {note.quotes.map((q, j) => (
                <span key={j} className='note-detail note-quote'>
                  {' '}
                  {q.label}
                  {lang === 'zh' ? '：' : ': '}
                  <q lang={q.lang === 'zh' ? 'zh-CN' : 'en'}>{q.text}</q>
                </span>
              ))}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** A section's title in the console's language, from this version or, for a removed one, from the diff. */
function sectionTitle(id: string, lang: 'zh' | 'en', v: VersionDetail, diff: VersionDiff): string {
  const here = v.content.texts[lang].sections.find((s) => s.id === id);
  if (here) return here.title;
  const d = diff.sections.find((s) => s.id === id);
  return d?.before[lang]?.title ?? d?.after[lang]?.title ?? id;
}

function Meta({ data }: { data: VersionData }) {
  const { lang, t } = useConsole();
  const { v, diff } = data;
  return (
    <dl id='version-meta'>
      <dt>{t('col.status')}</dt>
      <dd id='version-status'>
        <StatusBadge status={v.status} />
      </dd>
      <dt>{t('col.material')}</dt>
      <dd>{v.status === 'draft' ? '—' : v.material ? t('yes') : t('no')}</dd>
      <dt>{t('detail.summary')}</dt>
      <dd>{v.summary ? v.summary[lang] : '—'}</dd>
      <dt>{t('detail.changed')}</dt>
      <dd id='version-changed'>
        {v.changedSections.length ? (
          <ul>
            {v.changedSections.map((id) => (
              <li key={id} data-section={id}>
                {sectionTitle(id, lang, v, diff)}
              </li>
            ))}
          </ul>
        ) : (
          t('detail.none')
        )}
      </dd>
    </dl>
  );
}

/** The whole policy as shoppers see it, folded: drawn only once opened (a long document; the diff above says what changed). */
function Preview({ data }: { data: VersionData }) {
  const { lang, t } = useConsole();
  const [open, setOpen] = useState(false);
  const [previewLang, setPreviewLang] = useState<'zh' | 'en'>(lang);
  useEffect(() => setPreviewLang(lang), [lang]);
  return (
    <section id='preview-section' aria-labelledby='preview-heading'>
      <h2 id='preview-heading'>{t('preview.title')}</h2>
      <details id='preview-fold' open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary id='preview-toggle'>{open ? t('preview.hide') : t('preview.show')}</summary>
        {open ? (
          <>
            <fieldset>
              <legend>{t('preview.lang')}</legend>
              {(['zh', 'en'] as const).map((l) => (
                <label key={l} className='inline'>
                  <input type='radio' name='preview-lang' id={`preview-${l}`} value={l} checked={previewLang === l} onChange={() => setPreviewLang(l)} />
                  {t(`preview.${l}`)}
                </label>
              ))}
            </fieldset>
            <PolicyPreview doc={data.v.content} lang={previewLang} />
          </>
        ) : null}
      </details>
      {!open && (
        <p className='hint' id='preview-folded'>
          {t('preview.folded')}
        </p>
      )}
    </section>
  );
}

function DiffSection({ id, status, sides }: { id: string; status: string; sides: VersionDiff['sections'][number] }) {
  const { lang, t } = useConsole();
  const other = lang === 'zh' ? 'en' : 'zh';
  let rows = sectionRows(sides.before[lang], sides.after[lang], lang);
  // A change made in one half only: said so, and shown in the half that changed (marked as that language).
  const onlyOther = rows.length === 0 && status === 'changed';
  if (onlyOther) rows = sectionRows(sides.before[other], sides.after[other], other);
  const title = (sides.after[lang] ?? sides.before[lang])?.title ?? id;
  return (
    <div className='diff-section' data-section={id} data-status={status}>
      <h3>
        {title} <span className='badge'>{t(`diff.${status as 'added' | 'removed' | 'changed'}`)}</span>
      </h3>
      {onlyOther && (
        <p className='hint diff-only-other' data-lang={other}>
          {t(other === 'zh' ? 'diff.onlyZh' : 'diff.onlyEn')}
        </p>
      )}
      {rows.map((row, i) => (
        <p key={i} className='diff-row' data-kind={row.kind} lang={onlyOther ? (other === 'zh' ? 'zh-CN' : 'en') : undefined}>
          {row.parts.map((part, j) => (part.change === 'added' ? <ins key={j}>{part.text}</ins> : part.change === 'removed' ? <del key={j}>{part.text}</del> : <span key={j}>{part.text}</span>))}
        </p>
      ))}
    </div>
  );
}

function Diff({ data }: { data: VersionData }) {
  const { lang, t } = useConsole();
  const { diff, lists, baseLists } = data;
  if (diff.against === null)
    return (
      <section id='diff' aria-labelledby='diff-heading'>
        <h2 id='diff-heading'>{t('diff.title')}</h2>
        <p>{t('diff.noActive')}</p>
      </section>
    );
  const changed = diff.sections.filter((s) => s.status !== 'unchanged');
  return (
    <section id='diff' aria-labelledby='diff-heading' lang={lang === 'zh' ? 'zh-CN' : 'en'}>
      <h2 id='diff-heading'>{t('diff.title')}</h2>
      <p id='diff-against'>{t('diff.against', diff.against)}</p>
      <p className='hint'>{t('diff.words')}</p>
      {changed.map((s) => (
        <DiffSection key={s.id} id={s.id} status={s.status} sides={s} />
      ))}
      <p className='hint'>{t('diff.unchanged', diff.sections.length - changed.length)}</p>
      {baseLists && <ListChanges against={diff.against} before={baseLists} after={lists} />}
    </section>
  );
}

function FindingItem({ finding, kind, lists }: { finding: Finding; kind: 'material' | 'gap'; lists: VersionLists }) {
  const { lang, t } = useConsole();
  const f = describeFinding(finding, lists, lang);
  return (
    <li className={`finding finding-${kind}`} data-code={f.code} data-where={f.where}>
      <span className={`badge badge-${kind}`}>{t(kind === 'gap' ? 'findings.gapBadge' : 'findings.materialBadge')}</span> <strong className='finding-subject'>{f.subject}</strong>
      {lang === 'zh' ? '：' : ': '}
      <span className='finding-what'>{f.what}</span>
      {f.note && <span className='finding-note'>{f.note}</span>}
    </li>
  );
}

/** Up to this many compliance gaps are listed as they are; more are folded behind their count. */
const GAPS_SHOWN = 5;

/** What publishing meets: the content changes that make the version material, and the gaps its content declares. */
function Findings({ data }: { data: VersionData }) {
  const { lang, t } = useConsole();
  const { findings, lists } = data;
  const gapList = (
    <ul id='findings-gaps' aria-labelledby='findings-gaps-heading'>
      {findings.gaps.map((f) => (
        <FindingItem key={`${f.code} ${f.where}`} finding={f} kind='gap' lists={lists} />
      ))}
    </ul>
  );
  return (
    <section id='findings' aria-labelledby='findings-heading' lang={lang === 'zh' ? 'zh-CN' : 'en'}>
      <h2 id='findings-heading'>{t('findings.title')}</h2>
      <p id='findings-against' className='hint'>
        {findings.against === null ? t('findings.noAgainst') : t('findings.against', findings.against)}
      </p>
      <h3 id='findings-material-heading'>{t('findings.material', findings.materialChanges.length)}</h3>
      {findings.materialChanges.length > 0 ? (
        <>
          <p className='hint'>{t('findings.materialHint')}</p>
          <ul id='findings-material' aria-labelledby='findings-material-heading'>
            {findings.materialChanges.map((f) => (
              <FindingItem key={`${f.code} ${f.where}`} finding={f} kind='material' lists={lists} />
            ))}
          </ul>
        </>
      ) : (
        <p id='findings-material-none'>{t('findings.noMaterial')}</p>
      )}
      <h3 id='findings-gaps-heading'>{t('findings.gaps', findings.gaps.length)}</h3>
      {findings.gaps.length > 0 ? (
        <>
          <p className='hint'>{t('findings.gapsHint')}</p>
          {findings.gaps.length > GAPS_SHOWN ? (
            // Many gaps are the content's known ones, the same from version to version: listed on demand, so the diff and the actions stay near the top.
            <details id='findings-gaps-fold'>
              <summary id='findings-gaps-toggle'>{t('findings.gapsShow', findings.gaps.length)}</summary>
              {gapList}
            </details>
          ) : (
            gapList
          )}
        </>
      ) : (
        <p id='findings-gaps-none'>{t('findings.noGaps')}</p>
      )}
    </section>
  );
}

function PublishForm({ version, findings, reload }: { version: number; findings: PublishFindings; reload: () => Promise<void> }) {
  const { api, canWrite, notify, focusHeading, t } = useConsole();
  const [material, setMaterial] = useState(false);
  const [zh, setZh] = useState('');
  const [en, setEn] = useState('');
  const [reason, setReason] = useState('');
  // The reason's problem shows once something is typed, or once publishing was tried without it.
  const [reasonTouched, setReasonTouched] = useState(false);
  const [error, setError] = useState('');
  const [busy, act] = useAction();
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const needsReason = overrideNeeded(findings, material);
  const problem = needsReason ? reasonProblem(reason) : null;
  const problemText = problem === 'short' ? t('publish.overrideShort') : problem === 'long' ? t('publish.overrideLong') : problem === 'control' ? t('publish.overrideControl') : '';
  const shownProblem = reasonTouched ? problemText : '';
  const materialNote = !material && findings.materialChanges.length > 0;
  return (
    <form
      id='publish-form'
      aria-labelledby='publish-heading'
      onSubmit={(ev) => {
        ev.preventDefault();
        if (problem) {
          // Stopped here: the server would refuse it (409 without a reason, 400 with a bad one).
          setReasonTouched(true);
          setError('');
          reasonRef.current?.focus();
          return;
        }
        void act(async () => {
          // A refusal (409: the content or the version changed since the page loaded) shows the server's message.
          await api.publish(version, material, { zh, en }, needsReason ? { reason: reason.trim() } : undefined);
          notify(t('publish.done', version));
          // The form goes away with the draft: focus moves to the page's heading, not to nowhere.
          await reload();
          focusHeading();
        }, setError);
      }}
    >
      <h2 id='publish-heading'>{t('publish.title')}</h2>
      <label className='inline'>
        <input type='checkbox' id='publish-material' disabled={!canWrite} checked={material} onChange={(e) => setMaterial(e.target.checked)} aria-describedby={materialNote ? 'publish-material-note' : undefined} />
        {t('publish.material')}
      </label>
      {materialNote && (
        <p id='publish-material-note' className='finding-callout'>
          {t('publish.findingsMaterial')}
        </p>
      )}
      <label htmlFor='publish-summary-zh'>{t('publish.summaryZh')}</label>
      <textarea id='publish-summary-zh' rows={3} required maxLength={500} disabled={!canWrite} value={zh} onChange={(e) => setZh(e.target.value)} />
      <label htmlFor='publish-summary-en'>{t('publish.summaryEn')}</label>
      <textarea id='publish-summary-en' rows={3} required maxLength={500} disabled={!canWrite} value={en} onChange={(e) => setEn(e.target.value)} />
      {needsReason && (
        <div id='publish-override-field' className='override'>
          <label htmlFor='publish-override'>{t('publish.override')}</label>
          <p id='publish-override-hint' className='hint'>
            {t('publish.overrideHint')}
          </p>
          <textarea
            id='publish-override'
            ref={reasonRef}
            rows={3}
            aria-required='true'
            disabled={!canWrite}
            value={reason}
            aria-invalid={shownProblem ? true : undefined}
            aria-describedby='publish-override-hint publish-override-count publish-override-error'
            onChange={(e) => {
              setReason(e.target.value);
              setReasonTouched(true);
            }}
          />
          <p id='publish-override-count' className='hint' data-count={[...reason.trim()].length}>
            {t('publish.overrideCount', [...reason.trim()].length)}
          </p>
          <ErrorBox id='publish-override-error' error={shownProblem} />
        </div>
      )}
      <button type='submit' id='publish-submit' disabled={!canWrite || busy}>
        {t('publish.submit')}
      </button>
      <ErrorBox id='publish-error' error={error} />
    </form>
  );
}

function ActivateForm({ data, reload }: { data: VersionData; reload: () => Promise<void> }) {
  const { api, canWrite, lang, notify, focusHeading, t } = useConsole();
  const { v, versions } = data;
  const [later, setLater] = useState(false);
  const [time, setTime] = useState('');
  const [error, setError] = useState('');
  const [confirming, setConfirming] = useState<string | undefined>(undefined);
  const [busy, act] = useAction();
  const active = versions.find((x) => x.status === 'active');
  const rollback = v.status !== 'draft' && v.status !== 'active' && active !== undefined && v.version < active.version;
  const blocked = v.status === 'draft' || v.status === 'active';
  // A material version asks shoppers again, and a roll-back changes what every shopper sees: both are confirmed first.
  const needsConfirm = rollback || (v.material && !blocked);

  const activate = (at: string | undefined) =>
    act(async () => {
      const r = await api.activate(v.version, at);
      setConfirming(undefined);
      notify(r.scheduled ? t('activate.scheduled', v.version, when(lang, r.effectiveAt)) : t('activate.done', v.version));
      await reload();
      focusHeading();
    }, setError);

  return (
    <form
      id='activate-form'
      aria-labelledby='activate-heading'
      onSubmit={(ev) => {
        ev.preventDefault();
        setError('');
        let at: string | undefined;
        if (later) {
          const iso = chinaTimeToIso(time);
          if (!iso) {
            setError(t('failed') + t('activate.needTime'));
            return;
          }
          at = iso;
        }
        if (needsConfirm) setConfirming(at ?? '');
        else void activate(at);
      }}
    >
      <h2 id='activate-heading'>{t('activate.title')}</h2>
      {v.status === 'draft' && <p className='hint'>{t('activate.publishFirst')}</p>}
      {v.status === 'active' && <p className='hint'>{t('activate.isActive')}</p>}
      <fieldset>
        <legend>{t('activate.title')}</legend>
        <label className='inline'>
          <input type='radio' name='activate-when' id='activate-now' value='now' checked={!later} disabled={!canWrite || blocked} onChange={() => setLater(false)} />
          {t('activate.now')}
        </label>
        <label className='inline'>
          <input type='radio' name='activate-when' id='activate-later' value='at' checked={later} disabled={!canWrite || blocked} onChange={() => setLater(true)} />
          {t('activate.at')}
        </label>
        <label htmlFor='activate-time'>{t('activate.time')}</label>
        {/* Text, not datetime-local: the browser would draw that in its own language and format, not the console's. */}
        <input type='text' id='activate-time' inputMode='numeric' placeholder='2026-05-01 10:00' aria-describedby='activate-time-hint' size={18} maxLength={16} disabled={!canWrite || blocked} value={time} onChange={(e) => setTime(e.target.value)} />
        <p className='hint' id='activate-time-hint'>
          {t('activate.timeHint')}
        </p>
      </fieldset>
      <button type='submit' id='activate-submit' disabled={!canWrite || blocked || busy || confirming !== undefined}>
        {rollback ? t('activate.rollback') : t('activate.submit')}
      </button>
      {confirming !== undefined && (
        <Confirm
          data={data}
          rollbackFrom={rollback ? active!.version : null}
          busy={busy}
          onYes={() => void activate(confirming || undefined)}
          onNo={() => setConfirming(undefined)}
        />
      )}
      <ErrorBox id='activate-error' error={error} />
    </form>
  );
}

function Confirm({ data, rollbackFrom, busy, onYes, onNo }: { data: VersionData; rollbackFrom: number | null; busy: boolean; onYes: () => void; onNo: () => void }) {
  const { api, lang, t } = useConsole();
  const [loaded] = useLoad(async (): Promise<ImpactData> => {
    const [{ activations }, stats] = await Promise.all([api.activations(), api.stats()]);
    return { activations, stats, statsAt: new Date().toISOString() };
  }, 'impact');
  return (
    <section id='activate-confirm' className='confirm' role='alertdialog' aria-labelledby='confirm-title' aria-describedby='confirm-who' aria-busy={loaded.state === 'loading'}>
      {loaded.state === 'ready' ? (
        <ConfirmText data={data} impactData={loaded.data} rollbackFrom={rollbackFrom} busy={busy} onYes={onYes} onNo={onNo} />
      ) : loaded.state === 'failed' ? (
        <>
          <ErrorBox id='confirm-error' error={failureText(lang, loaded.error)} />
          <button type='button' id='confirm-no' className='secondary' onClick={onNo}>
            {t('confirm.no')}
          </button>
        </>
      ) : (
        <p className='hint'>{t('loading')}</p>
      )}
    </section>
  );
}

function ConfirmText({ data, impactData, rollbackFrom, busy, onYes, onNo }: { data: VersionData; impactData: ImpactData; rollbackFrom: number | null; busy: boolean; onYes: () => void; onNo: () => void }) {
  const { lang, t } = useConsole();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const version = data.v.version;
  const impact = reconsentImpact(version, data.versions, impactData.activations, impactData.stats, Date.now());
  const per = impact.perVersion.map((p) => t('confirm.perVersion', p.version, p.accepted)).join(lang === 'zh' ? '，' : ', ') || '—';
  return (
    <>
      <h3 id='confirm-title' tabIndex={-1} ref={heading}>
        {t('confirm.title')}
      </h3>
      <div id='confirm-who'>
        {rollbackFrom !== null && <p id='confirm-rollback'>{t('confirm.rollback', version, rollbackFrom)}</p>}
        {rollbackFrom === null && data.v.material && <p id='confirm-material'>{t('confirm.material', version, impact.asked, impact.users, per)}</p>}
        {rollbackFrom !== null && (
          <p id='confirm-asked'>{impact.asked > 0 ? t('confirm.rollbackAsked', impact.lastMaterialVersion, impact.asked, impact.users, per) : t('confirm.nobody')}</p>
        )}
        <p className='hint'>{t('confirm.stats', when(lang, impactData.statsAt))}</p>
      </div>
      <p>{t('confirm.question', version)}</p>
      <button type='button' id='confirm-yes' disabled={busy} onClick={onYes}>
        {t('confirm.yes', version)}
      </button>
      <button type='button' id='confirm-no' className='secondary' onClick={onNo}>
        {t('confirm.no')}
      </button>
    </>
  );
}
