import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema';
import { iso } from './rows';

type Db = Kysely<DB> | Transaction<DB>;

/** A warranty registration as its shopper sees it. */
export interface WarrantyView {
  id: string;
  serial: string;
  international: boolean;
  registeredAt: string;
}

/** A product the shopper opened while the personalisation consent held. */
export interface ProductViewRecord {
  productId: string;
  viewedAt: string;
}

/** Product views kept per shopper: the newest, enough to shape recommendations. */
export const PRODUCT_VIEWS_KEPT = 50;

/** The demo shop's records about a shopper: warranty registrations and product views. */
export class ShopRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /**
   * Registers a card for the shopper; the same card again finds the first registration (and keeps
   * its destination). `created` says which.
   */
  async registerWarranty(tx: Db, userId: string, serial: string, international: boolean): Promise<{ warranty: WarrantyView; created: boolean }> {
    const inserted = await tx
      .insertInto('shop_warranties')
      .values({ id: randomUUID(), user_id: userId, serial, international })
      .onConflict((oc) => oc.columns(['user_id', 'serial']).doNothing())
      .returning(['id', 'serial', 'international', 'registered_at'])
      .executeTakeFirst();
    if (inserted) return { warranty: toWarranty(inserted), created: true };
    const existing = await tx
      .selectFrom('shop_warranties')
      .select(['id', 'serial', 'international', 'registered_at'])
      .where('user_id', '=', userId)
      .where('serial', '=', serial)
      .executeTakeFirstOrThrow();
    return { warranty: toWarranty(existing), created: false };
  }

  /** The shopper's registrations, newest first. */
  async warranties(userId: string): Promise<WarrantyView[]> {
    const rows = await this.db
      .selectFrom('shop_warranties')
      .select(['id', 'serial', 'international', 'registered_at'])
      .where('user_id', '=', userId)
      .orderBy('registered_at', 'desc')
      .orderBy('id')
      .execute();
    return rows.map(toWarranty);
  }

  /** Records one product view and trims the shopper's views to the newest `PRODUCT_VIEWS_KEPT`. */
  /**
   * Records a product view only while the personalisation consent holds, checked in the same
   * transaction with the user row locked as `deleteViewsWithoutConsent` locks it: a view checked
   * before a withdrawal is stored before that withdrawal's deletion runs, and none after. False
   * when the consent does not hold (nothing stored).
   */
  async recordView(userId: string, productId: string): Promise<boolean> {
    return this.db.transaction().execute(async (tx) => {
      await tx.selectFrom('users').select('id').where('id', '=', userId).forNoKeyUpdate().execute();
      const inserted = await sql`insert into shop_product_views (user_id, product_id)
          select ${userId}, ${productId} where exists (
            select 1 from consent_state where user_id = ${userId} and kind = 'consent' and purpose = 'personalisation' and value = 'granted')`.execute(tx);
      if (Number(inserted.numAffectedRows ?? 0) === 0) return false;
      await sql`delete from shop_product_views where user_id = ${userId} and id not in (
          select id from shop_product_views where user_id = ${userId} order by viewed_at desc, id desc limit ${PRODUCT_VIEWS_KEPT})`.execute(tx);
      return true;
    });
  }

  /**
   * Deletes the shopper's product views when the personalisation consent (their only basis) does
   * not hold, in the caller's transaction, the user row locked first; how many were deleted.
   */
  async deleteViewsWithoutConsent(tx: Transaction<DB>, userId: string): Promise<number> {
    await tx.selectFrom('users').select('id').where('id', '=', userId).forNoKeyUpdate().execute();
    const deleted = await sql`delete from shop_product_views where user_id = ${userId} and not exists (
        select 1 from consent_state where user_id = ${userId} and kind = 'consent' and purpose = 'personalisation' and value = 'granted')`.execute(tx);
    return Number(deleted.numAffectedRows ?? 0);
  }

  /** Shoppers who have product views but not the personalisation consent (after a withdrawal whose follow-up did not run). */
  async usersWithViewsWithoutConsent(limit: number): Promise<string[]> {
    const rows = await sql<{ user_id: string }>`select distinct v.user_id from shop_product_views v where not exists (
        select 1 from consent_state c where c.user_id = v.user_id and c.kind = 'consent' and c.purpose = 'personalisation' and c.value = 'granted')
        limit ${limit}`.execute(this.db);
    return rows.rows.map((r) => r.user_id);
  }

  /** The shopper's product views, newest first. */
  async views(userId: string, limit = PRODUCT_VIEWS_KEPT): Promise<ProductViewRecord[]> {
    const rows = await this.db
      .selectFrom('shop_product_views')
      .select(['product_id', 'viewed_at'])
      .where('user_id', '=', userId)
      .orderBy('viewed_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ productId: r.product_id, viewedAt: iso(r.viewed_at) }));
  }
}

function toWarranty(r: { id: string; serial: string; international: boolean; registered_at: unknown }): WarrantyView {
  return { id: r.id, serial: r.serial, international: r.international, registeredAt: iso(r.registered_at) };
}
