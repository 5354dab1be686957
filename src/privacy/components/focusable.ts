/**
 * Keyboard focus for a View acting as a link or button (tabindex 0). Taro's View types omit
 * tabIndex; its h5 element takes it, WeChat ignores it. It also makes a scrolling sheet reachable
 * by keyboard, as the sheet then holds something focusable.
 */
export const FOCUSABLE = Object.freeze({ tabIndex: 0 }) as Readonly<Record<string, unknown>>;

/** The element Taro's h5 `Button` renders: a custom element, not a `<button>`. */
const H5_BUTTON = 'taro-button-core';

/**
 * Makes every Taro `Button` on an h5 page work from the keyboard as a `<button>` does: in the tab
 * order with the button role (unless the JSX gave its own), Enter activates it on key down, Space on
 * key up. Taro's h5 element has neither: Tab skipped the sheets' agree and refuse buttons. A click on
 * a disabled one is dropped by Taro's element itself, as for a tap. Returns the uninstaller.
 */
export function keyboardButtons(doc: Document): () => void {
  const prepareOne = (el: Element) => {
    if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '0');
    if (!el.hasAttribute('role')) el.setAttribute('role', 'button');
  };
  const prepare = (root: Element | Document) => {
    if (root instanceof Element && root.matches(H5_BUTTON)) prepareOne(root);
    root.querySelectorAll(H5_BUTTON).forEach(prepareOne);
  };
  const observer = new MutationObserver((records) => {
    for (const r of records) for (const node of Array.from(r.addedNodes)) if (node instanceof Element) prepare(node);
  });
  const target = (e: KeyboardEvent): HTMLElement | null => {
    const el = e.target as HTMLElement | null;
    return el?.tagName?.toLowerCase() === H5_BUTTON ? el : null;
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const el = target(e);
    if (!el) return;
    if (e.key === ' ') e.preventDefault(); // no page scroll; the click comes on key up
    if (e.key === 'Enter' && !e.repeat) {
      e.preventDefault();
      el.click();
    }
  };
  const onKeyUp = (e: KeyboardEvent) => {
    const el = target(e);
    if (el && e.key === ' ') el.click();
  };
  prepare(doc);
  observer.observe(doc.documentElement, { childList: true, subtree: true });
  doc.addEventListener('keydown', onKeyDown);
  doc.addEventListener('keyup', onKeyUp);
  return () => {
    observer.disconnect();
    doc.removeEventListener('keydown', onKeyDown);
    doc.removeEventListener('keyup', onKeyUp);
  };
}

// h5 only (Taro replaces TARO_ENV textually, so the weapp bundle drops this): the module's sheets
// and pages import this file, so their buttons, and the host app's, are keyboard-operable.
if (process.env.TARO_ENV === 'h5' && typeof document !== 'undefined' && typeof MutationObserver !== 'undefined') keyboardButtons(document);
