import type { AdminStats, VersionMeta } from '@maison/privacy/contract';
import { acceptanceSeries, queueBars } from './chartData';
import { lastMaterialVersionFor, reconsentImpact } from './impact';

const v = (version: number, status: VersionMeta['status'], material: boolean): VersionMeta => ({
  version, status, material, summary: null, contentHash: 'h', changedSections: [], createdBy: 'x', createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', publishedBy: null, publishedAt: null, effectiveAt: null,
});
const stats = (acceptance: AdminStats['acceptanceByVersion'], users: number): AdminStats => ({
  users, acceptanceByVersion: acceptance, acceptanceTimeline: [], consentsByPurpose: [], permissionOutcomes: [],
  calendar: { years: [], notOfficial: [], warnings: [] }, deadlineRule: { calendarDays: 15, regulatorWorkingDays: 15, source: { sectionId: 's', zh: 'z', en: 'e' } }, cancellations: [],
});
const now = Date.parse('2026-06-01T00:00:00Z');
const past = (version: number) => ({ version, effectiveAt: '2026-01-01T00:00:00Z', createdBy: 'x' });

describe('reconsentImpact', () => {
  it('asks everyone who accepted an older version when a material version is activated', () => {
    const versions = [v(1, 'active', false), v(2, 'published', true)];
    const impact = reconsentImpact(2, versions, [past(1)], stats([{ version: 1, accepted: 7, refused: 1 }], 9), now);
    expect(impact).toEqual({ lastMaterialVersion: 2, asked: 7, users: 9, perVersion: [{ version: 1, accepted: 7 }] });
  });

  it('asks nobody again on a roll-back past a material version to a version that is not', () => {
    const versions = [v(1, 'retired', false), v(2, 'active', true)];
    expect(lastMaterialVersionFor(1, versions, [past(1), past(2)], now)).toBe(1);
    expect(reconsentImpact(1, versions, [past(1), past(2)], stats([{ version: 1, accepted: 2, refused: 0 }, { version: 2, accepted: 5, refused: 0 }], 7), now).asked).toBe(0);
  });

  it('keeps a material version in force that was active before, when a later minor one is activated', () => {
    const versions = [v(1, 'retired', false), v(2, 'active', true), v(3, 'published', false)];
    const impact = reconsentImpact(3, versions, [past(1), past(2)], stats([{ version: 1, accepted: 4, refused: 0 }, { version: 2, accepted: 3, refused: 0 }], 7), now);
    expect(impact.lastMaterialVersion).toBe(2);
    expect(impact.asked).toBe(4);
  });
});

describe('chart data', () => {
  it('adds acceptances up day by day per version, with a point on every day', () => {
    const { days, series } = acceptanceSeries([
      { day: '2026-05-01', version: 1, accepted: 2 },
      { day: '2026-05-02', version: 2, accepted: 1 },
      { day: '2026-05-03', version: 1, accepted: 1 },
    ]);
    expect(days).toEqual(['2026-05-01', '2026-05-02', '2026-05-03']);
    expect(series).toEqual([
      { version: 1, points: [{ day: '2026-05-01', total: 2 }, { day: '2026-05-02', total: 2 }, { day: '2026-05-03', total: 3 }] },
      { version: 2, points: [{ day: '2026-05-01', total: 0 }, { day: '2026-05-02', total: 1 }, { day: '2026-05-03', total: 1 }] },
    ]);
  });

  it('measures each request against its deadline', () => {
    const [open, done] = queueBars(
      [
        { id: 'a', status: 'pending', requestedAt: '2026-05-25T00:00:00Z', coolingOffEndsAt: '2026-06-01T00:00:00Z', deadline: '2026-06-09T00:00:00Z', completedAt: null, flag: 'ok' },
        { id: 'b', status: 'completed', requestedAt: '2026-05-01T00:00:00Z', coolingOffEndsAt: '2026-05-08T00:00:00Z', deadline: '2026-05-16T00:00:00Z', completedAt: '2026-05-10T00:00:00Z', flag: 'ok' },
      ],
      now,
    );
    expect(open).toMatchObject({ ageDays: 7, allowedDays: 15, daysLeft: 8 });
    expect(done).toMatchObject({ ageDays: 9, allowedDays: 15, daysLeft: 0 });
  });
});
