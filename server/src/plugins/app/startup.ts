import fp from 'fastify-plugin';
import { loggableError } from '../../db/loggable';
import { bundledPolicy, policyHash, policyProblems } from '../../domain/policyTools';

/** Keys are kept two days, beyond the contract's 24 hours. */
const IDEMPOTENCY_KEEP_SECONDS = 48 * 3600;
const SYSTEM = 'system';

declare module 'fastify' {
  interface FastifyInstance {
    /** The first publisher token, created on an empty embedded database (the demo), else null. */
    firstOpsToken: string | null;
  }
}

/**
 * First-start work and background jobs: seeds the bundled policy as version 1 (active) on an
 * empty database, creates the demo's first ops token, loads the policy cache and starts the
 * purge timer.
 */
export default fp(
  async (app) => {
    const { policies, ops } = app.repos;
    const db = app.database.db;
    app.decorate('firstOpsToken', null);

    if (await policies.isEmpty()) {
      const doc = bundledPolicy();
      if (policyProblems(doc).length > 0) app.log.error({ problems: policyProblems(doc).slice(0, 5) }, 'Bundled policy is invalid, not seeded');
      else {
        await db.transaction().execute(async (tx) => {
          if (!(await policies.isEmpty(tx))) return;
          const v = await policies.createDraft(doc, policyHash(doc), SYSTEM, tx);
          await policies.publish(v, { material: true, summary: { zh: '首个版本', en: 'First version' }, changedSections: [], actor: SYSTEM }, tx);
          await policies.activate(v, new Date(), SYSTEM, tx);
          await ops.audit({ actor: SYSTEM, action: 'policy.seed', target: `policy:${v}` }, tx);
        });
      }
    }

    // Only the embedded demo prints a token: production logs never hold one.
    if (app.config.printFirstOpsToken && app.database.kind === 'pglite' && (await ops.noTokens())) {
      const created = await db.transaction().execute(async (tx) => {
        const t = await ops.createToken({ name: 'first-publisher', role: 'publisher', expiresAt: new Date(Date.now() + 30 * 24 * 3600 * 1000), createdBy: SYSTEM }, tx);
        await ops.audit({ actor: SYSTEM, action: 'token.create', target: `token:${t.id}`, details: { name: t.name, role: t.role } }, tx);
        return t;
      });
      app.firstOpsToken = created.token;
    }

    await app.policyCache.refresh(true);
    app.policyCache.start(app.config.policyPollSeconds);

    // Deletion notices the purge queued, this process's or another's (before a restart included).
    const notifier = app.receiverNotifier;
    if (notifier) {
      notifier.start();
      app.addHook('preClose', () => notifier.stop());
    } else {
      const waiting = await app.repos.cancellations.unsentReceiverNotices();
      // Development and tests only (production refuses to start without the endpoint).
      if (waiting > 0) app.log.warn({ waiting }, 'deletion notices to the overseas receiver wait: OVERSEAS_RECEIVER_URL is not set');
    }

    if (app.config.purgeIntervalSeconds > 0) {
      let running: Promise<void> | null = null;
      const tick = () => {
        if (running) return;
        running = (async () => {
          try {
            const purged = await app.purger.runOnce();
            if (purged > 0) {
              app.log.info({ purged }, 'accounts purged');
              // The purged rows' old versions still hold their bytes on disk until rewritten.
              await app.purger.compact();
            }
            await app.repos.idempotency.expire(IDEMPOTENCY_KEEP_SECONDS);
          } catch (err) {
            // Without the detail: a failed statement's detail holds the row's values (user ids).
            app.log.error({ err: loggableError(err) }, 'purge run failed');
          } finally {
            running = null;
          }
        })();
      };
      const timer = setInterval(tick, app.config.purgeIntervalSeconds * 1000);
      timer.unref();
      app.addHook('preClose', async () => {
        clearInterval(timer);
        await running;
      });
    }
  },
  { name: 'startup', dependencies: ['repositories'] },
);
