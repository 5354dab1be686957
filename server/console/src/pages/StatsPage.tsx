/**
 * Stats: acceptance per version (table and, over time, a chart), separate consents and permission
 * outcomes by their catalogue names, the working-day calendar, and the cancellation queue against
 * its deadlines (table and chart). Each chart is plain SVG drawn from the same data as the table
 * beside it; the SVG is a labelled image and the table carries the numbers for screen readers.
 */
import type { ReactNode } from 'react';
import { acceptanceSeries, queueBars, type QueueBar } from '../chartData';
import { calendarLabel, cancellationLabel, capabilityLabel, purposeLabel, valueLabel } from '../labels';
import { Heading, PageBody, useConsole, useLoad, when } from '../ui';

const SERIES_COLOURS = ['#0b4f9c', '#a4161a', '#2d6a3e', '#7a4b00', '#5b2a86', '#00606b'];

/** A table in its own horizontally scrolling box (keyboard-scrollable, named), so a narrow screen never scrolls the page sideways. */
function Table({ id, caption, label, headers, children, empty }: { id: string; caption?: string; label: string; headers: string[]; children: ReactNode[]; empty: string }) {
  return (
    <div className='table-scroll' role='region' aria-label={label} tabIndex={0}>
      <table id={id}>
        {caption && <caption className='hint'>{caption}</caption>}
        <thead>
          <tr>
            {headers.map((h) => (
              <th key={h} scope='col'>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {children.length ? (
            children
          ) : (
            <tr>
              <td colSpan={headers.length}>{empty}</td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

/** Cumulative acceptances per version, one step line per version, days along the bottom. */
function AcceptanceChart({ timeline }: { timeline: Parameters<typeof acceptanceSeries>[0] }) {
  const { t } = useConsole();
  const { days, series } = acceptanceSeries(timeline);
  if (!days.length) return <p id='stats-timeline-empty'>{t('stats.noTimeline')}</p>;
  const W = 640;
  const H = 220;
  const pad = { left: 44, right: 90, top: 12, bottom: 36 };
  const max = Math.max(1, ...series.flatMap((s) => s.points.map((p) => p.total)));
  const x = (i: number) => pad.left + (days.length === 1 ? (W - pad.left - pad.right) / 2 : (i * (W - pad.left - pad.right)) / (days.length - 1));
  const y = (n: number) => H - pad.bottom - (n / max) * (H - pad.top - pad.bottom);
  const ticks = [...new Set([0, Math.round(max / 2), max])];
  return (
    <figure className='chart'>
      <svg id='stats-timeline-chart' viewBox={`0 0 ${W} ${H}`} width='100%' role='img' aria-labelledby='stats-timeline-title'>
        <title id='stats-timeline-title'>{t('stats.timeline')}</title>
        {ticks.map((n) => (
          <g key={n}>
            <line x1={pad.left} x2={W - pad.right} y1={y(n)} y2={y(n)} className='grid' />
            <text x={pad.left - 6} y={y(n) + 4} textAnchor='end' className='axis'>
              {n}
            </text>
          </g>
        ))}
        {[0, days.length - 1].filter((i, k, a) => a.indexOf(i) === k).map((i) => (
          <text key={i} x={x(i)} y={H - pad.bottom + 18} textAnchor='middle' className='axis'>
            {days[i]}
          </text>
        ))}
        {series.map((s, k) => {
          const colour = SERIES_COLOURS[k % SERIES_COLOURS.length];
          const path = s.points.map((p, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(p.total).toFixed(1)}`).join(' ');
          const last = s.points[s.points.length - 1]!;
          return (
            <g key={s.version} data-version={s.version} className='series'>
              <path d={path} fill='none' stroke={colour} strokeWidth={2.5} />
              {s.points.map((p, i) => (
                <circle key={p.day} cx={x(i)} cy={y(p.total)} r={3.5} fill={colour} data-day={p.day} data-total={p.total} />
              ))}
              <text x={W - pad.right + 8} y={y(last.total) + 4} fill={colour} className='label'>
                v{s.version}: {last.total}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className='hint'>{t('stats.timelineHint')}</figcaption>
      <Table id='stats-timeline' caption={t('stats.timelineTable')} label={t('stats.timelineTable')} headers={[t('stats.day'), ...series.map((s) => `v${s.version}`)]} empty={t('stats.empty')}>
        {days.map((day, i) => (
          <tr key={day} data-day={day}>
            <th scope='row'>{day}</th>
            {series.map((s) => (
              <td key={s.version} data-version={s.version}>
                {s.points[i]!.total}
              </td>
            ))}
          </tr>
        ))}
      </Table>
    </figure>
  );
}

/** Each request a bar of its age; the tick is its deadline; red when flagged. */
function QueueChart({ bars }: { bars: QueueBar[] }) {
  const { lang, t } = useConsole();
  if (!bars.length) return <p id='stats-queue-empty'>{t('stats.queueEmpty')}</p>;
  const W = 640;
  const row = 22;
  const pad = { left: 80, right: 24, top: 8, bottom: 24 };
  const H = pad.top + pad.bottom + bars.length * row;
  const maxDays = Math.max(1, ...bars.map((b) => Math.max(b.ageDays, b.allowedDays)));
  const x = (d: number) => pad.left + (d / maxDays) * (W - pad.left - pad.right);
  return (
    <figure className='chart'>
      <svg id='stats-queue-chart' viewBox={`0 0 ${W} ${H}`} width='100%' role='img' aria-labelledby='stats-queue-title'>
        <title id='stats-queue-title'>{t('stats.queueChart')}</title>
        {bars.map((b, i) => {
          const top = pad.top + i * row;
          const late = b.flag !== 'ok';
          return (
            <g key={b.id} data-id={b.id} data-age={b.ageDays} data-allowed={b.allowedDays} data-flag={b.flag}>
              <text x={pad.left - 6} y={top + 15} textAnchor='end' className='axis'>
                {b.id.slice(0, 8)}
              </text>
              <rect x={pad.left} y={top + 4} width={Math.max(2, x(b.ageDays) - pad.left)} height={row - 8} className={late ? 'bar-late' : 'bar'} />
              <line x1={x(b.allowedDays)} x2={x(b.allowedDays)} y1={top + 1} y2={top + row - 1} className='deadline' />
              <title>{t('stats.queueLabel', b.id.slice(0, 8), b.ageDays, b.allowedDays, t(`flag.${b.flag}`))}</title>
            </g>
          );
        })}
        <text x={pad.left} y={H - 6} className='axis'>
          0
        </text>
        <text x={W - pad.right} y={H - 6} textAnchor='end' className='axis'>
          {maxDays} {lang === 'zh' ? '天' : 'days'}
        </text>
      </svg>
      <figcaption className='hint'>{t('stats.queueHint')}</figcaption>
    </figure>
  );
}

export function StatsPage() {
  const { api, lang, t } = useConsole();
  const [loaded] = useLoad(() => Promise.all([api.stats(), api.versions()]), 'stats');
  return (
    <PageBody id='page-stats' loaded={loaded}>
      {([s, { versions }]) => {
        const active = versions.find((v) => v.status === 'active');
        const activeRow = active && s.acceptanceByVersion.find((a) => a.version === active.version);
        const flagged = s.cancellations.filter((c) => c.flag !== 'ok');
        const bars = queueBars(s.cancellations, Date.now());
        return (
          <>
            <Heading>{t('stats.title')}</Heading>
            <p id='stats-users'>{t('stats.users', s.users)}</p>
            {active && <p id='stats-active'>{t('stats.active', active.version, activeRow?.accepted ?? 0)}</p>}
            <h2>{t('stats.acceptance')}</h2>
            <Table id='stats-acceptance' label={t('stats.acceptance')} headers={[t('col.version'), t('stats.accepted'), t('stats.refused')]} empty={t('stats.empty')}>
              {s.acceptanceByVersion.map((a) => (
                <tr key={a.version} data-version={a.version}>
                  <td>v{a.version}</td>
                  <td>{a.accepted}</td>
                  <td>{a.refused}</td>
                </tr>
              ))}
            </Table>
            <h2>{t('stats.timeline')}</h2>
            <AcceptanceChart timeline={s.acceptanceTimeline} />
            <h2>{t('stats.consents')}</h2>
            <Table id='stats-consents' label={t('stats.consents')} headers={[t('stats.purpose'), t('stats.value'), t('stats.count')]} empty={t('stats.empty')}>
              {s.consentsByPurpose.map((c) => (
                <tr key={`${c.purpose}-${c.value}`} data-purpose={c.purpose} data-value={c.value}>
                  <td>{purposeLabel(c.purpose, lang)}</td>
                  <td>{valueLabel(c.value, lang)}</td>
                  <td>{c.users}</td>
                </tr>
              ))}
            </Table>
            <h2>{t('stats.permissions')}</h2>
            <Table id='stats-permissions' label={t('stats.permissions')} headers={[t('stats.capability'), t('stats.value'), t('stats.devices')]} empty={t('stats.empty')}>
              {s.permissionOutcomes.map((p) => (
                <tr key={`${p.capability}-${p.value}`} data-capability={p.capability} data-value={p.value}>
                  <td>{capabilityLabel(p.capability, lang)}</td>
                  <td>{valueLabel(p.value, lang)}</td>
                  <td>{p.devices}</td>
                </tr>
              ))}
            </Table>
            <h2>{t('stats.calendar')}</h2>
            <p id='stats-calendar' className={s.calendar.notOfficial.length ? 'error' : 'hint'}>
              {s.calendar.notOfficial.length ? s.calendar.notOfficial.map((y) => t('stats.calendarWarn', y)).join(' ') : t('stats.calendarOk')}
            </p>
            <ul id='stats-calendar-years'>
              {s.calendar.years.map((y) => (
                <li key={y.year}>
                  {y.year}: {calendarLabel(y.status, lang)} — {y.source}
                </li>
              ))}
            </ul>
            <h2>{t('stats.queue')}</h2>
            <p id='stats-rule'>{t('stats.rule', s.deadlineRule.calendarDays, s.deadlineRule.source[lang], s.deadlineRule.regulatorWorkingDays)}</p>
            <p id='stats-near' className={flagged.length ? 'error' : 'hint'}>
              {t('stats.near', flagged.length)}
            </p>
            <QueueChart bars={bars} />
            <Table id='stats-queue' label={t('stats.queue')} headers={[t('stats.id'), t('col.status'), t('stats.requested'), t('stats.age'), t('stats.deadline'), t('stats.daysLeft'), t('stats.flag')]} empty={t('stats.empty')}>
              {bars.map((b, i) => {
                const c = s.cancellations[i]!;
                return (
                  <tr key={b.id} className={`flag-${b.flag}`} data-id={b.id}>
                    <td>{b.id.slice(0, 8)}</td>
                    <td>{cancellationLabel(b.status, lang)}</td>
                    <td>{when(lang, c.requestedAt)}</td>
                    <td>{b.ageDays}</td>
                    <td>{when(lang, c.deadline)}</td>
                    <td>{b.daysLeft}</td>
                    <td>{t(`flag.${b.flag}`)}</td>
                  </tr>
                );
              })}
            </Table>
          </>
        );
      }}
    </PageBody>
  );
}
