import { autorun } from 'mobx';
import { DISMISSED, OverlayStore } from './OverlayStore';

describe('OverlayStore', () => {
  it('opens one overlay at a time; the next asked opens when the one on screen is answered', async () => {
    const ui = new OverlayStore();
    const seen: (string | null)[] = [];
    const stop = autorun(() => seen.push(ui.openSheet));
    const notice = ui.ask('notice', 3);
    const purpose = ui.ask('purpose', 'camera');
    expect(ui.current).toMatchObject({ kind: 'notice', subject: 3 });
    expect(ui.head('purpose')).toBeNull();
    expect(ui.find('purpose')).toMatchObject({ kind: 'purpose', subject: 'camera' });
    expect(ui.answer('notice', 'seen')).toBe(true);
    await expect(notice).resolves.toBe('seen');
    expect(ui.head('purpose')?.subject).toBe('camera');
    ui.answer(ui.head('purpose')!, 'continue');
    await expect(purpose).resolves.toBe('continue');
    stop();
    expect(seen).toEqual([null, 'notice', 'purpose', null]);
  });

  it('shares an identical question open or waiting, and keeps different ones apart', async () => {
    const ui = new OverlayStore();
    const a = ui.ask('consent', { purpose: 'marketing', recipient: null });
    const b = ui.ask('consent', { purpose: 'marketing', recipient: null });
    const c = ui.ask('consent', { purpose: 'personalisation', recipient: null });
    expect(b).toBe(a);
    expect(c).not.toBe(a);
    expect(ui.queue).toHaveLength(2);
    ui.answer('consent', 'granted');
    await expect(b).resolves.toBe('granted');
    expect(ui.current?.subject).toEqual({ purpose: 'personalisation', recipient: null });
  });

  it('closes without an answer: one kind, one subject, or everything', async () => {
    const ui = new OverlayStore();
    const camera = ui.ask('purpose', 'camera');
    const location = ui.ask('purpose', 'location');
    const note = ui.ask('account-deleted', '2026-12-01T00:00:00.000Z');
    ui.dismiss('purpose', 'location');
    await expect(location).resolves.toBe(DISMISSED);
    expect(ui.queue.map((o) => o.subject)).toEqual(['camera', '2026-12-01T00:00:00.000Z']);
    ui.dismissAll();
    await expect(camera).resolves.toBe(DISMISSED);
    await expect(note).resolves.toBe(DISMISSED);
    expect(ui.current).toBeNull();
  });

  it('an answer to a question not asked, or already answered, does nothing', async () => {
    const ui = new OverlayStore();
    expect(ui.answer('privacy', 'agreed')).toBe(false);
    const asked = ui.ask('privacy', null);
    const overlay = ui.current!;
    expect(ui.answer(overlay, 'refused')).toBe(true);
    expect(ui.answer(overlay, 'agreed')).toBe(false);
    await expect(asked).resolves.toBe('refused');
  });

  it('leaves the screen at once when the answer is still being recorded, and settles when it is', async () => {
    const ui = new OverlayStore();
    const asked = ui.ask('consent', { purpose: 'marketing', recipient: null });
    let record: (ok: boolean) => void = () => undefined;
    const recorded = new Promise<'granted'>((resolve, reject) => (record = (ok) => (ok ? resolve('granted') : reject(new Error('disk full')))));
    ui.answer('consent', recorded);
    expect(ui.current).toBeNull();
    let settled = false;
    void asked.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    record(true);
    await expect(asked).resolves.toBe('granted');

    const failed = ui.ask('consent', { purpose: 'marketing', recipient: null });
    ui.answer('consent', Promise.reject(new Error('disk full')));
    await expect(failed).resolves.toBe(DISMISSED);
  });

  it('runs what waits for a question to be on screen: at once, once it gets there, or never when it closes first', () => {
    const ui = new OverlayStore();
    const shown: string[] = [];
    void ui.ask('notice', 2);
    void ui.ask('privacy', null);
    void ui.ask('purpose', 'camera');
    ui.onShown('notice', 2, () => shown.push('notice'));
    ui.onShown('privacy', null, () => shown.push('privacy'));
    ui.onShown('purpose', 'camera', () => shown.push('purpose'));
    ui.onShown('purpose', 'location', () => shown.push('never asked'));
    expect(shown).toEqual(['notice']);
    ui.dismiss('purpose');
    ui.answer('notice', 'seen');
    expect(shown).toEqual(['notice', 'privacy']);
    ui.answer('privacy', 'agreed');
    expect(shown).toEqual(['notice', 'privacy']);
  });
});
