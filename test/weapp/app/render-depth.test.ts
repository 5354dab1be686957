/**
 * config/index.ts sets `mini.baseLevel` (the template floors in base.wxml) close to the app's
 * deepest tree: every page, with its sheets and fully revealed content, stays above the last floor,
 * so nothing renders through the slower recursive `comp` component.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureWeappBuild, launchWeapp, type HostNode, type WeappHost } from '../harness';

jest.setTimeout(240_000);

let host: WeappHost | undefined;
afterEach(() => host?.close());

const depth = (n: HostNode): number => 1 + Math.max(0, ...n.children.filter((c) => c.tag !== '#text').map(depth));

test('every page tree, its content fully revealed, is shallower than the template floors', async () => {
  const base = readFileSync(join(ensureWeappBuild(), 'base.wxml'), 'utf8');
  const floors = new Set([...base.matchAll(/<template name="tmpl_(\d+)_/g)].map((m) => Number(m[1]))).size;
  expect(floors).toBe(8);
  host = await launchWeapp();
  const entry = await host.openPage();
  await host.flush();
  const deepest: Record<string, number> = { [host.entryPage]: Math.max(...entry.tree().map(depth)) };
  await entry.tap('privacy-agree');
  await host.flush();
  for (const route of host.routes.filter((r) => r !== host!.entryPage)) {
    const page = await host.openPage(route);
    await host.flush();
    for (let i = 0; i < 60 && page.findAll((n) => n.hasUserId && n.id.endsWith('-more')).length > 0; i++) {
      await page.reachBottom();
      await host.flush();
    }
    deepest[route] = Math.max(...page.tree().map(depth));
  }
  for (const [route, d] of Object.entries(deepest)) expect([route, d < floors]).toEqual([route, true]);
  expect(Object.keys(host.setDataStats()).filter((k) => k.startsWith('component:comp'))).toEqual([]);
  expect(host.errors).toEqual([]);
});
