import { makeAutoObservable, observable, when } from 'mobx';
import type { Capability } from '../domain/contract';
import type { ConsentRecipient } from '../domain/consent-schema';

/**
 * Every question the module may put in front of the shopper: what it is about (`subject`) and
 * the answers its buttons give.
 */
export interface OverlayQuestions {
  /** The first-run privacy sheet. */
  privacy: { subject: null; answer: 'agreed' | 'refused' };
  /** The blocking sheet of a material policy change, for that version. */
  reconsent: { subject: number; answer: 'agreed' | 'refused' };
  /** The notice of a non-material policy version. */
  notice: { subject: number; answer: 'seen' };
  /** The advance notice of a material version scheduled to take effect later. */
  upcoming: { subject: number; answer: 'seen' };
  /** One separate consent, with the recipient the feature picked (if the consent names it at use). */
  consent: { subject: { purpose: string; recipient: ConsentRecipient | null }; answer: 'granted' | 'refused' };
  /** The purpose sheet before a system permission prompt. */
  purpose: { subject: Capability; answer: 'continue' | 'not-now' };
  /** At launch, a cancellation request under way. */
  'cancellation-status': { subject: null; answer: 'view' | 'closed' };
  /** The closing note once the account was deleted and this device wiped (subject: when it was deleted). */
  'account-deleted': { subject: string; answer: 'seen' };
}

/** The kinds of overlay, in no particular order (the queue's order is the order they were asked in). */
export const OVERLAY_KINDS = Object.freeze(['privacy', 'reconsent', 'notice', 'upcoming', 'consent', 'purpose', 'cancellation-status', 'account-deleted'] as const);
export type OverlayKind = (typeof OVERLAY_KINDS)[number];

/** The answer of an overlay closed without the shopper's answer (page left, sign-out, account wiped). */
export const DISMISSED = 'dismissed';
export type OverlayAnswer<K extends OverlayKind = OverlayKind> = OverlayQuestions[K]['answer'] | typeof DISMISSED;

/** One question in the queue. */
export interface Overlay<K extends OverlayKind = OverlayKind> {
  readonly id: number;
  readonly kind: K;
  readonly subject: OverlayQuestions[K]['subject'];
  /** Settles with the shopper's answer, or `'dismissed'`. */
  readonly answer: Promise<OverlayAnswer<K>>;
}

type AnyOverlay = { [K in OverlayKind]: Overlay<K> }[OverlayKind];

const sameSubject = (a: unknown, b: unknown): boolean => a === b || JSON.stringify(a) === JSON.stringify(b);

/**
 * The one queue of what is in front of the shopper: at most one overlay is open (the head); a
 * further question waits its turn, and the same question asked again while it waits or is open is
 * shared, not repeated. Each question settles with the shopper's answer, or with `'dismissed'`
 * when it is closed without one.
 */
export class OverlayStore {
  /** Open first, then the waiting ones in the order they were asked. */
  queue: readonly AnyOverlay[] = [];
  private nextId = 1;
  private readonly settle = new Map<number, (answer: OverlayAnswer | Promise<OverlayAnswer>) => void>();

  constructor() {
    makeAutoObservable<OverlayStore, 'nextId' | 'settle'>(this, { queue: observable.ref, nextId: false, settle: false }, { autoBind: true });
  }

  /** The overlay on screen, or null. */
  get current(): AnyOverlay | null {
    return this.queue[0] ?? null;
  }

  /** The kind of the overlay on screen, or null. */
  get openSheet(): OverlayKind | null {
    return this.current?.kind ?? null;
  }

  /** The overlay on screen when it is of `kind`, else null (what a sheet's component renders). */
  head<K extends OverlayKind>(kind: K): Overlay<K> | null {
    const c = this.current;
    return c !== null && c.kind === kind ? (c as Overlay<K>) : null;
  }

  /** The first question of `kind` open or waiting (with this subject when one is given). */
  find<K extends OverlayKind>(kind: K, subject?: OverlayQuestions[K]['subject']): Overlay<K> | null {
    const o = this.queue.find((q) => q.kind === kind && (subject === undefined || sameSubject(q.subject, subject)));
    return (o as Overlay<K> | undefined) ?? null;
  }

  /**
   * Puts a question in front of the shopper, now or after those asked before it; the same
   * question already waiting or open is shared. Settles with the answer, or `'dismissed'`.
   */
  ask<K extends OverlayKind>(kind: K, subject: OverlayQuestions[K]['subject']): Promise<OverlayAnswer<K>> {
    const same = this.find(kind, subject);
    if (same) return same.answer;
    const id = this.nextId++;
    let settle: (answer: OverlayAnswer<K> | Promise<OverlayAnswer<K>>) => void = () => undefined;
    const answer = new Promise<OverlayAnswer<K>>((resolve) => (settle = resolve));
    this.settle.set(id, settle as (answer: OverlayAnswer | Promise<OverlayAnswer>) => void);
    this.queue = [...this.queue, { id, kind, subject, answer } as Overlay<K> as AnyOverlay];
    return answer;
  }

  /**
   * Runs `effect` once the question is on screen — at once when it already is — and never when
   * it closes before it got there (what is recorded as shown was shown).
   */
  onShown<K extends OverlayKind>(kind: K, subject: OverlayQuestions[K]['subject'], effect: () => void): void {
    const overlay = this.find(kind, subject);
    if (!overlay) return;
    const settled = () => !this.queue.some((q) => q.id === overlay.id);
    when(
      () => this.current?.id === overlay.id || settled(),
      () => {
        if (!settled()) effect();
      },
    );
  }

  /**
   * The shopper answered: the overlay (or the first of `kind`) leaves the queue at once and the
   * next one opens. `answer` may be a promise (the decision being recorded): the question settles
   * when it does, `'dismissed'` if it rejects. False when there was no such question.
   */
  answer<K extends OverlayKind>(target: K | Overlay<K>, answer: OverlayQuestions[K]['answer'] | Promise<OverlayQuestions[K]['answer']>): boolean {
    const overlay = typeof target === 'string' ? this.find(target) : target;
    return overlay !== null && this.close(overlay.id, answer as OverlayAnswer | Promise<OverlayAnswer>);
  }

  /** Closes every question of `kind` (with this subject when one is given) without an answer. */
  dismiss<K extends OverlayKind>(kind: K, subject?: OverlayQuestions[K]['subject']): void {
    for (const q of this.queue) {
      if (q.kind === kind && (subject === undefined || sameSubject(q.subject, subject))) this.close(q.id, DISMISSED);
    }
  }

  /** Closes everything without an answer (sign-out, account wiped). */
  dismissAll(): void {
    for (const q of this.queue) this.close(q.id, DISMISSED);
  }

  private close(id: number, answer: OverlayAnswer | Promise<OverlayAnswer>): boolean {
    const settle = this.settle.get(id);
    if (!settle) return false;
    this.settle.delete(id);
    this.queue = this.queue.filter((q) => q.id !== id);
    // An answer still being recorded that fails leaves the question unanswered.
    settle(typeof answer === 'string' ? answer : answer.catch((): OverlayAnswer => DISMISSED));
    return true;
  }
}
