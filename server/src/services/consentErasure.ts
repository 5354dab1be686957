import type { FastifyInstance } from 'fastify';
import type { RightsRequest } from '@maison/privacy/contract';
import { CONSENT_ONLY_ROWS } from '../domain/heldData';
import { requestDeadline } from '../domain/workingDays';

/** Who a request the server answers itself is recorded as decided by. */
export const WITHDRAWAL_ACTOR = 'system:consent-withdrawn';

/**
 * Deletes the shopper's records whose only basis is a consent that no longer holds (PIPL art.
 * 47(3)) and records it as a fulfilled deletion request, in one transaction. Null when there was
 * nothing to delete. Safe to run again: a second run finds nothing.
 */
export async function eraseWithoutBasis(app: FastifyInstance, userId: string): Promise<RightsRequest | null> {
  return app.database.db.transaction().execute(async (tx) => {
    const deleted = await app.repos.shop.deleteViewsWithoutConsent(tx, userId);
    if (deleted === 0) return null;
    const now = new Date();
    return app.repos.requests.createFulfilled(tx, userId, {
      type: 'deletion',
      details: null,
      categories: Object.keys(CONSENT_ONLY_ROWS),
      receivedAt: now,
      deadline: requestDeadline(now, app.config.requestDeadline, app.calendar).deadline,
      by: WITHDRAWAL_ACTOR,
    });
  });
}

/**
 * The durable half of the follow-up: shoppers whose withdrawal was stored but whose deletion did
 * not run (the process stopped between the two) are found and their records deleted.
 */
export async function sweepWithoutBasis(app: FastifyInstance, batch = 200): Promise<number> {
  let done = 0;
  for (;;) {
    const users = await app.repos.shop.usersWithViewsWithoutConsent(batch);
    for (const userId of users) if (await eraseWithoutBasis(app, userId)) done++;
    if (users.length < batch) return done;
  }
}
