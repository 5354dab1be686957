import fs from 'node:fs';
import fp from 'fastify-plugin';
import { AccountPurger, PURGE_BATCH_SIZE } from '../../commands/AccountPurger';
import { Pseudonyms, resolvePseudonymKey } from '../../domain/pseudonyms';
import { SessionTokens } from '../../domain/tokens';
import { calendarStatus, parseCalendar } from '../../domain/workingDays';
import { CancellationRepository } from '../../repositories/CancellationRepository';
import { ConsentRepository } from '../../repositories/ConsentRepository';
import { IdempotencyRepository } from '../../repositories/IdempotencyRepository';
import { OpsRepository } from '../../repositories/OpsRepository';
import { PolicyRepository } from '../../repositories/PolicyRepository';
import { RightsRequestRepository } from '../../repositories/RightsRequestRepository';
import { PolicyListRepository } from '../../repositories/PolicyListRepository';
import { SessionRepository } from '../../repositories/SessionRepository';
import { ShopRepository } from '../../repositories/ShopRepository';
import { LoginService } from '../../services/LoginService';
import { ConsentWriter } from '../../services/ConsentWriter';
import { PolicyCache } from '../../services/PolicyCache';
import { ReceiverNotifier } from '../../services/ReceiverNotifier';
import { GuardianConfirmations } from '../../services/GuardianConfirmations';
import { TencentSmsGateway } from '../../services/SmsGateway';
import { OVERSEAS_PURPOSES } from '../../deployment';
import { HttpDouyinClient } from '../../login/DouyinClient';
import { HttpWechatClient, type WechatClient } from '../../wechat/WechatClient';
import { serverPath } from '../../paths';

/** NOTIFY channel announcing a policy activation. */
export const POLICY_CHANNEL = 'policy_activated';

/** Events one consent append statement carries at most (ten full batches). */
const CONSENT_STATEMENT_EVENTS = 1_000;

/** Where ops keep China's working-day calendar. */
export const CALENDAR_FILE = serverPath('data', 'cn-calendar.json');

/** Repositories, the consent writer, the policy cache, the login service, the calendar and the purger. */
export default fp<{ wechat?: WechatClient }>(
  async (app, opts) => {
    const db = app.database.db;
    const pseudonymKey = resolvePseudonymKey(app.config.pseudonymKey, app.database.kind === 'pglite' ? app.config.dataDir : null);
    const repos = {
      sessions: new SessionRepository(db, { tokens: new SessionTokens(pseudonymKey), refusalCacheMs: app.config.sessionCacheSeconds * 1000 }),
      policies: new PolicyRepository(db),
      consents: new ConsentRepository(db, app.database.prepare, app.config.consentEventsPerAccount),
      idempotency: new IdempotencyRepository(db),
      cancellations: new CancellationRepository(db),
      requests: new RightsRequestRepository(db),
      ops: new OpsRepository(db),
      shop: new ShopRepository(db),
      lists: new PolicyListRepository(db),
    };
    app.decorate('repos', repos);
    app.decorate('consentWriter', new ConsentWriter(repos.consents, { statements: app.config.consentWriteStatements, maxEvents: CONSENT_STATEMENT_EVENTS }));
    const calendar = parseCalendar(JSON.parse(fs.readFileSync(CALENDAR_FILE, 'utf8')));
    app.decorate('calendar', calendar);
    // A year without the State Council's notice is counted on the safe side; ops are told at boot and in stats.
    for (const warning of calendarStatus(calendar, new Date(), app.config.requestDeadline).warnings) app.log.warn(warning);
    const wechat = opts.wechat ?? new HttpWechatClient(app.config.wechat);
    const pseudonyms = new Pseudonyms(pseudonymKey);
    app.decorate('pseudonyms', pseudonyms);
    const sms = app.config.smsGateway;
    app.decorate('guardians', new GuardianConfirmations(db, sms ? new TencentSmsGateway(sms) : null, pseudonyms));
    const douyin = app.config.douyin;
    const platforms = {
      weapp: { client: wechat, appId: app.config.wechat.appId },
      tt: douyin ? { client: new HttpDouyinClient(douyin), appId: douyin.appId } : null,
    };
    app.decorate('login', new LoginService(platforms, { devLogin: app.config.devLogin }, pseudonyms));
    // Deletion notices to the overseas receiver: sent when its endpoint is configured, else they wait.
    const endpoint = app.config.receiverEndpoint;
    const notifier = endpoint ? new ReceiverNotifier(db, { endpoint, log: app.log }) : null;
    app.decorate('receiverNotifier', notifier);
    app.decorate(
      'purger',
      new AccountPurger(db, {
        receiver: app.config.overseasReceiver,
        overseasPurposes: OVERSEAS_PURPOSES,
        batchSize: PURGE_BATCH_SIZE[app.database.kind],
        pseudonyms,
        onNoticesQueued: () => notifier?.kick(),
      }),
    );
    const cache = new PolicyCache(db, repos.policies, repos.lists, (err) => app.log.error({ err }, 'policy cache refresh failed'));
    app.decorate('policyCache', cache);
    // Activations made by other processes arrive at once by NOTIFY; the poll still catches
    // scheduled activations and a lost notification.
    const unlisten = await app.database.listen(POLICY_CHANNEL, () => {
      cache.refresh().catch((err) => app.log.error({ err }, 'policy cache refresh failed'));
    });
    // preClose runs before any onClose hook, so the database is still open while jobs stop.
    app.addHook('preClose', async () => {
      await unlisten();
      await cache.stop();
    });
  },
  { name: 'repositories', dependencies: ['database'] },
);
