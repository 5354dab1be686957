/** Pieces every console page uses: the language and session context, loading, headings, errors. */
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { ConsoleSession } from '@maison/privacy/contract';
import type { ConsoleApi } from './api';
import { actorName } from './auditText';
import { chinaDayStart, chinaTimeText } from './chinaTime';
import { failureText } from './failures';
import { translate, type ConsoleLang, type TextKey } from './texts';

/** What every page gets from the shell. */
export interface ConsoleContextValue {
  lang: ConsoleLang;
  session: ConsoleSession;
  api: ConsoleApi;
  notify: (text: string, keepAcrossNavigation?: boolean) => void;
  /** Moves focus to the page's heading now (after an action that re-drew the page). */
  focusHeading: () => void;
  /** Counts `focusHeading` calls; a heading focuses itself when it changes. */
  focusRequest: number;
  /** Whether the heading that mounts next takes focus (after a hash navigation); asking clears it. */
  takeHeadingFocus: () => boolean;
  /** Importer notes of drafts created in this page's life, by version. */
  draftNotes: Map<number, string[]>;
}

export const ConsoleContext = createContext<ConsoleContextValue | null>(null);

/** The shell's context; pages render only inside it. */
export function useConsole(): ConsoleContextValue & { t: (key: TextKey, ...args: (string | number)[]) => string; canWrite: boolean } {
  const ctx = useContext(ConsoleContext);
  if (!ctx) throw new Error('useConsole outside the console shell');
  return { ...ctx, t: (key, ...args) => translate(ctx.lang, key, ...args), canWrite: ctx.session.role === 'publisher' };
}

/** The result of a load, and a way to run it again. */
export type Loaded<T> = { state: 'loading' } | { state: 'failed'; error: Error } | { state: 'ready'; data: T };

/**
 * Runs `load` when `key` changes; `reload` runs it again and resolves when the new data is shown.
 * What was loaded for an earlier key reads as loading, never as the new key's data.
 */
export function useLoad<T>(load: () => Promise<T>, key: string): [Loaded<T>, () => Promise<void>] {
  const [loaded, setLoaded] = useState<{ key: string; result: Loaded<T> }>({ key, result: { state: 'loading' } });
  const seq = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const keyRef = useRef(key);
  keyRef.current = key;
  const run = useCallback(async () => {
    const mine = ++seq.current;
    const forKey = keyRef.current;
    try {
      const data = await loadRef.current();
      if (mine === seq.current) setLoaded({ key: forKey, result: { state: 'ready', data } });
    } catch (err) {
      if (mine === seq.current) setLoaded({ key: forKey, result: { state: 'failed', error: err instanceof Error ? err : new Error(String(err)) } });
    }
  }, []);
  useEffect(() => {
    void run();
  }, [key, run]);
  return [loaded.key === key ? loaded.result : { state: 'loading' }, run];
}

/** A page's h1; takes focus after a hash navigation, and when an action asks (`focusHeading`). */
export function Heading({ children }: { children: ReactNode }) {
  const { takeHeadingFocus, focusRequest } = useConsole();
  const ref = useRef<HTMLHeadingElement>(null);
  const seen = useRef(focusRequest);
  useEffect(() => {
    if (takeHeadingFocus()) ref.current?.focus();
  }, [takeHeadingFocus]);
  useEffect(() => {
    if (focusRequest !== seen.current) ref.current?.focus();
    seen.current = focusRequest;
  }, [focusRequest]);
  return (
    <h1 tabIndex={-1} ref={ref}>
      {children}
    </h1>
  );
}

/** A failure line, announced; empty renders nothing visible but keeps its id for tests and scripts. */
export function ErrorBox({ id, error }: { id: string; error: string }) {
  return (
    <p id={id} className='error' role='alert'>
      {error}
    </p>
  );
}

export { failureText } from './failures';

/** `isoText` in China time, in the console's language. */
export const when = (lang: ConsoleLang, isoText: string | null | undefined): string => chinaTimeText(lang, isoText);

/** Who acted, by name: an ops token's name without `ops:`, the system, the command line. */
export const who = (lang: ConsoleLang, actor: string | null | undefined): string => (actor ? actorName(actor, lang) : '—');

/** `YYYY-MM-DD HH:mm` (or with `T`) read as China time (UTC+8, no daylight saving) → ISO UTC; null when it is no real time. */
export function chinaTimeToIso(local: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2}):(\d{2})$/.exec(local.trim());
  if (!m || !chinaDayStart(`${m[1]}-${m[2]}-${m[3]}`) || +m[4]! > 23 || +m[5]! > 59) return null;
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]! - 8, +m[5]!)).toISOString();
}

/** Runs a state-changing action with its button busy; failures go to `setError`. */
export function useAction(): [boolean, (fn: () => Promise<void>, setError: (e: string) => void) => Promise<void>] {
  const { lang } = useConsole();
  const [busy, setBusy] = useState(false);
  const run = async (fn: () => Promise<void>, setError: (e: string) => void) => {
    setError('');
    setBusy(true);
    try {
      await fn();
    } catch (err) {
      setError(failureText(lang, err));
    } finally {
      setBusy(false);
    }
  };
  return [busy, run];
}

/** The viewer's note: shown to viewers only. */
export function ViewerNote() {
  const { canWrite, t } = useConsole();
  return canWrite ? null : (
    <p className='hint' id='viewer-note'>
      {t('viewerNote')}
    </p>
  );
}

/** Status as a coloured badge with its word. */
export function StatusBadge({ status }: { status: 'draft' | 'published' | 'active' | 'retired' }) {
  const { t } = useConsole();
  return <span className={`badge status-${status}`}>{t(`status.${status}`)}</span>;
}

/** A page body once loaded; the loading line and a failure otherwise. */
export function PageBody<T>({ id, loaded, children }: { id: string; loaded: Loaded<T>; children: (data: T) => ReactNode }) {
  const { lang, t } = useConsole();
  if (loaded.state === 'loading') return <p className='hint'>{t('loading')}</p>;
  if (loaded.state === 'failed')
    return (
      <div id={id}>
        <ErrorBox id='page-error' error={failureText(lang, loaded.error)} />
      </div>
    );
  return <div id={id}>{children(loaded.data)}</div>;
}
