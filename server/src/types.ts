import type { OpsRole } from '@maison/privacy/contract';
import type { ServerConfig } from './config';
import type { Database } from './db/database';
import type { WorkingDayCalendar } from './domain/workingDays';
import type { RightsRequestRepository } from './repositories/RightsRequestRepository';
import type { CancellationRepository } from './repositories/CancellationRepository';
import type { ConsentRepository } from './repositories/ConsentRepository';
import type { IdempotencyRepository } from './repositories/IdempotencyRepository';
import type { PolicyListRepository } from './repositories/PolicyListRepository';
import type { OpsRepository } from './repositories/OpsRepository';
import type { PolicyRepository } from './repositories/PolicyRepository';
import type { SessionRepository } from './repositories/SessionRepository';
import type { ShopRepository } from './repositories/ShopRepository';
import type { LoginService } from './services/LoginService';
import type { ConsentWriter } from './services/ConsentWriter';
import type { PolicyCache } from './services/PolicyCache';
import type { LiveSessions } from './services/LiveSessions';
import type { AccountPurger } from './commands/AccountPurger';
import type { ReceiverNotifier } from './services/ReceiverNotifier';
import type { Pseudonyms } from './domain/pseudonyms';
import type { GuardianConfirmations } from './services/GuardianConfirmations';

/** The repositories every route reaches through `app.repos`. */
export interface Repositories {
  sessions: SessionRepository;
  policies: PolicyRepository;
  consents: ConsentRepository;
  idempotency: IdempotencyRepository;
  cancellations: CancellationRepository;
  requests: RightsRequestRepository;
  ops: OpsRepository;
  shop: ShopRepository;
  /** The lists and consent texts per policy version, and the privacy-guide filings. */
  lists: PolicyListRepository;
}

/** The ops token holder of a request. */
export interface OpsActor {
  id: string;
  name: string;
  role: OpsRole;
}

declare module 'fastify' {
  interface FastifyInstance {
    config: ServerConfig;
    database: Database;
    repos: Repositories;
    /** Appends consent batches, several requests per statement under load. */
    consentWriter: ConsentWriter;
    policyCache: PolicyCache;
    /** Sessions recently seen live in this process: rate-limit keys and the write queue's pre-check. */
    liveSessions: LiveSessions;
    calendar: WorkingDayCalendar;
    login: LoginService;
    purger: AccountPurger;
    /** Sends the purge's deletion notices to the overseas receiver; null while its endpoint is not configured. */
    receiverNotifier: ReceiverNotifier | null;
    /** A 14–17-year-old's guardian confirming by SMS code. */
    guardians: GuardianConfirmations;
    /** Keyed pseudonyms (PSEUDONYM_KEY). */
    pseudonyms: Pseudonyms;
    /** preHandler: requires a shopper session; sets `request.userId`. */
    requireShopper: (request: FastifyRequest) => Promise<void>;
    /** preHandler factory: requires an ops token with at least `role`. */
    requireOps: (role: OpsRole) => (request: FastifyRequest) => Promise<void>;
  }
  interface FastifyRequest {
    userId: string | null;
    opsActor: OpsActor | null;
  }
  interface FastifyContextConfig {
    /** Marks a route public (no shopper or ops token): the cross-user matrix reads it. */
    auth?: 'public' | 'shopper' | 'ops';
    /** The ops role an ops route needs (set by `opsRoute`). */
    role?: OpsRole;
  }
}
