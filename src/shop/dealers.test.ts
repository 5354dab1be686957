import { appointmentDays } from './dealers';

describe('appointmentDays', () => {
  it('lists the days after today in China time, labelled in both languages', () => {
    // 2026-12-06 23:30 in Shanghai is still 15:30 UTC: tomorrow there is the 7th.
    const days = appointmentDays(new Date('2026-12-06T15:30:00Z'), 3);
    expect(days).toEqual([
      { date: '2026-12-07', label: { zh: '12月7日 周一', en: 'Mon 7 Dec' } },
      { date: '2026-12-08', label: { zh: '12月8日 周二', en: 'Tue 8 Dec' } },
      { date: '2026-12-09', label: { zh: '12月9日 周三', en: 'Wed 9 Dec' } },
    ]);
    // 00:30 on the 7th in Shanghai (16:30 UTC on the 6th): today there is the 7th, so the 8th first.
    expect(appointmentDays(new Date('2026-12-06T16:30:00Z'), 1)[0]!.date).toBe('2026-12-08');
  });
});
