/**
 * The two pictures of the stats page as data: acceptances per version added up day by day, and
 * each cancellation request's age against its deadline. The SVG and the tables beside it are both
 * drawn from these, so what a screen reader hears is what the chart shows.
 */
import type { AdminStats } from '@maison/privacy/contract';

const DAY_MS = 24 * 3600 * 1000;

/** One version's cumulative acceptances on each day of the timeline. */
export interface AcceptanceSeries {
  version: number;
  points: { day: string; total: number }[];
}

/** Every day that has an acceptance, and per version its running total on each of those days. */
export function acceptanceSeries(timeline: AdminStats['acceptanceTimeline']): { days: string[]; series: AcceptanceSeries[] } {
  const days = [...new Set(timeline.map((t) => t.day))].sort();
  const versions = [...new Set(timeline.map((t) => t.version))].sort((a, b) => a - b);
  const series = versions.map((version) => {
    let total = 0;
    const points = days.map((day) => {
      total += timeline.find((t) => t.version === version && t.day === day)?.accepted ?? 0;
      return { day, total };
    });
    return { version, points };
  });
  return { days, series };
}

/** A cancellation request on the queue chart: whole days since it was made, and the days its deadline allows. */
export interface QueueBar {
  id: string;
  status: string;
  flag: AdminStats['cancellations'][number]['flag'];
  ageDays: number;
  allowedDays: number;
  daysLeft: number;
}

/** The queue as bars; a completed request's age stops at its completion. */
export function queueBars(cancellations: AdminStats['cancellations'], now: number): QueueBar[] {
  return cancellations.map((c) => {
    const requested = Date.parse(c.requestedAt);
    const end = c.completedAt ? Date.parse(c.completedAt) : now;
    const deadline = Date.parse(c.deadline);
    return {
      id: c.id,
      status: c.status,
      flag: c.flag,
      ageDays: Math.floor((end - requested) / DAY_MS),
      // Whole days, rounded down: ops never read more time than the deadline leaves.
      allowedDays: Math.floor((deadline - requested) / DAY_MS),
      daysLeft: c.completedAt ? 0 : Math.max(0, Math.floor((deadline - now) / DAY_MS)),
    };
  });
}
