/**
 * The console's shell: language, session, header, navigation, the notice line and the hash
 * router. Signed out, only the sign-in form shows (no sign-out button, no navigation).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ConsoleSession } from '@maison/privacy/contract';
import { ApiFailure, ConsoleApi } from './api';
import { initialLang, LANG_KEY } from './language';
import { translate, type ConsoleLang } from './texts';
import { ConsoleContext, failureText, type ConsoleContextValue } from './ui';
import { AuditPage } from './pages/AuditPage';
import { DeclarationsPage } from './pages/DeclarationsPage';
import { ListsPage } from './pages/ListsPage';
import { RequestsPage } from './pages/RequestsPage';
import { StatsPage } from './pages/StatsPage';
import { TokensPage } from './pages/TokensPage';
import { VersionPage } from './pages/VersionPage';
import { VersionsPage } from './pages/VersionsPage';

const ROUTES = ['versions', 'lists', 'declarations', 'requests', 'stats', 'audit', 'tokens'] as const;
type RouteName = (typeof ROUTES)[number];

function readRoute(): { name: RouteName; arg: number | null } {
  const parts = window.location.hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  const name = (ROUTES as readonly string[]).includes(parts[0] ?? '') ? (parts[0] as RouteName) : 'versions';
  const arg = parts[1] !== undefined && /^\d+$/.test(parts[1]) ? Number(parts[1]) : null;
  return { name, arg };
}

function readLang(): ConsoleLang {
  let storage: Storage | null = null;
  try {
    storage = window.localStorage;
  } catch {
    // Storage refused (private mode): the browser's language decides.
  }
  return initialLang(storage, navigator.languages?.length ? navigator.languages : [navigator.language]);
}

export function App() {
  const [lang, setLang] = useState<ConsoleLang>(readLang);
  const [session, setSession] = useState<ConsoleSession | null | undefined>(undefined);
  const [route, setRoute] = useState(readRoute);
  const [notice, setNotice] = useState('');
  const keepNotice = useRef(false);
  const headingFocus = useRef(false);
  const draftNotes = useRef(new Map<number, string[]>()).current;
  const api = useMemo(() => new ConsoleApi(() => setSession(null)), []);
  const t = (key: Parameters<typeof translate>[1], ...args: (string | number)[]) => translate(lang, key, ...args);

  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = translate(lang, 'brand');
  }, [lang]);

  useEffect(() => {
    let live = true;
    api
      .session()
      .catch(() => null)
      .then((s) => {
        if (live) setSession(s);
        document.body.dataset.ready = 'true';
      });
    return () => {
      live = false;
    };
  }, [api]);

  useEffect(() => {
    // A notice belongs to the page it was raised on, unless the action itself moved on (a new draft).
    const onHash = () => {
      if (!keepNotice.current) setNotice('');
      keepNotice.current = false;
      headingFocus.current = true;
      setRoute(readRoute());
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const notify = useCallback((text: string, keepAcrossNavigation = false) => {
    setNotice(text);
    keepNotice.current = keepAcrossNavigation;
  }, []);
  const [focusRequest, setFocusRequest] = useState(0);
  const focusHeading = useCallback(() => setFocusRequest((n) => n + 1), []);
  const takeHeadingFocus = useCallback(() => {
    const take = headingFocus.current;
    headingFocus.current = false;
    return take;
  }, []);

  const switchLang = () => {
    const next = lang === 'zh' ? 'en' : 'zh';
    setLang(next);
    try {
      window.localStorage.setItem(LANG_KEY, next);
    } catch {
      // Private mode: the switch still works for this page.
    }
  };

  const signOut = async () => {
    try {
      await api.signOut();
    } finally {
      setSession(null);
      notify(t('signedOut'));
      headingFocus.current = true;
    }
  };

  const ctx: ConsoleContextValue | null = session ? { lang, session, api, notify, focusHeading, focusRequest, takeHeadingFocus, draftNotes } : null;

  return (
    <>
      <a className='skip' href='#main' id='skip-link' onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>
        {t('skip')}
      </a>
      <header className='top'>
        <p className='brand' id='brand'>
          {t('brand')}
        </p>
        {session && (
          <div className='who' id='who'>
            <span id='who-name'>{session.name}</span>
            <span className='role' id='who-role'>
              {t(`role.${session.role}`)}
            </span>
            <button type='button' id='sign-out' onClick={() => void signOut()}>
              {t('signOut')}
            </button>
          </div>
        )}
        <button type='button' id='lang-switch' lang={lang === 'zh' ? 'en' : 'zh-CN'} onClick={switchLang} aria-describedby='lang-current'>
          {t('langSwitch')}
        </button>
        <span id='lang-current' className='visually-hidden'>
          {t('lang.switchTo')}
        </span>
        {session && (
          <p className='hint tz-note' id='tz-note'>
            {t('tz.note')}
          </p>
        )}
      </header>
      {session && (
        <nav id='nav' aria-label={t('nav')}>
          <ul>
            {ROUTES.map((name) => (
              <li key={name}>
                <a href={`#/${name}`} id={`nav-${name}`} aria-current={route.name === name ? 'page' : undefined}>
                  {t(`nav.${name}`)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <div id='notice' role='status' aria-live='polite'>
        {notice}
      </div>
      <main id='main' tabIndex={-1}>
        {session === undefined ? (
          <p className='hint'>{t('loading')}</p>
        ) : !ctx ? (
          <SignIn
            lang={lang}
            onSignedIn={(s) => {
              headingFocus.current = true;
              notify('');
              setSession(s);
            }}
            api={api}
            focus={takeHeadingFocus}
          />
        ) : (
          <ConsoleContext.Provider value={ctx}>
            <Page name={route.name} arg={route.arg} />
          </ConsoleContext.Provider>
        )}
      </main>
    </>
  );
}

function Page({ name, arg }: { name: RouteName; arg: number | null }) {
  switch (name) {
    case 'versions':
      return arg ? <VersionPage key={arg} version={arg} /> : <VersionsPage />;
    case 'lists':
      return <ListsPage key={arg ?? 0} chosen={arg} />;
    case 'declarations':
      return <DeclarationsPage />;
    case 'requests':
      return <RequestsPage />;
    case 'stats':
      return <StatsPage />;
    case 'audit':
      return <AuditPage />;
    case 'tokens':
      return <TokensPage />;
  }
}

function SignIn({ lang, api, onSignedIn, focus }: { lang: ConsoleLang; api: ConsoleApi; onSignedIn: (s: ConsoleSession) => void; focus: () => boolean }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const t = (key: Parameters<typeof translate>[1]) => translate(lang, key);
  useEffect(() => {
    if (focus()) heading.current?.focus();
  }, [focus]);
  const submit = async (ev: React.FormEvent) => {
    ev.preventDefault();
    setError('');
    try {
      const s = await api.signIn(token);
      setToken('');
      onSignedIn(s);
    } catch (err) {
      setToken('');
      setError(err instanceof ApiFailure && err.status === 401 ? t('signIn.failed') : failureText(lang, err));
    }
  };
  return (
    <>
      <h1 tabIndex={-1} ref={heading}>
        {t('signIn.title')}
      </h1>
      <form id='sign-in-form' onSubmit={(ev) => void submit(ev)}>
        <label htmlFor='sign-in-token'>{t('signIn.token')}</label>
        <input type='password' id='sign-in-token' name='token' autoComplete='off' required aria-describedby='sign-in-hint' size={50} value={token} onChange={(e) => setToken(e.target.value)} />
        <p className='hint' id='sign-in-hint'>
          {t('signIn.hint')}
        </p>
        <button type='submit' id='sign-in-submit'>
          {t('signIn.submit')}
        </button>
        <ErrorLine error={error} />
      </form>
    </>
  );
}

function ErrorLine({ error }: { error: string }) {
  return (
    <p id='sign-in-error' className='error' role='alert'>
      {error}
    </p>
  );
}
