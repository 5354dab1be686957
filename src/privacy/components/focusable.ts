/**
 * Keyboard focus for a View acting as a link or button (tabindex 0). Taro's View types omit
 * tabIndex; its h5 element takes it, WeChat ignores it. It also makes a scrolling sheet reachable
 * by keyboard, as the sheet then holds something focusable.
 */
export const FOCUSABLE = Object.freeze({ tabIndex: 0 }) as Readonly<Record<string, unknown>>;

/** The element Taro's h5 `Button` renders: a custom element, not a `<button>`. */
const H5_BUTTON = 'taro-button-core';
/** What the keyboard works: Taro's buttons, and views the JSX marks as links. */
const OPERABLE = `${H5_BUTTON}, [role="link"]`;

/**
 * Makes every Taro `Button` and every `role='link'` view on an h5 page work from the keyboard as a
 * `<button>` and an `<a href>` do: in the tab order (unless the JSX set its own `tabIndex`), buttons
 * with the button role; Enter activates both on key down, Space a button on key up. A disabled
 * button leaves the tab order and says it is disabled (`aria-disabled`), as a disabled `<button>`
 * does, and comes back when enabled; Tab stays inside an open modal sheet. Taro's h5 elements have
 * none of this: Tab skipped the sheets' agree and refuse buttons and the centre's links. Returns the
 * uninstaller.
 */
export function keyboardButtons(doc: Document): () => void {
  /** Elements whose tab stop this function set (a JSX `tabIndex` is left alone). */
  const ours = new WeakSet<Element>();
  const prepareOne = (el: Element) => {
    if (!el.hasAttribute('tabindex')) ours.add(el);
    if (el.tagName.toLowerCase() === H5_BUTTON) {
      if (!el.hasAttribute('role')) el.setAttribute('role', 'button');
      const disabled = el.hasAttribute('disabled') && el.getAttribute('disabled') !== 'false';
      if (disabled) el.setAttribute('aria-disabled', 'true');
      else el.removeAttribute('aria-disabled');
      if (ours.has(el)) el.setAttribute('tabindex', disabled ? '-1' : '0');
    } else if (ours.has(el)) el.setAttribute('tabindex', '0');
  };
  const prepare = (root: Element | Document) => {
    if (root instanceof Element && root.matches(OPERABLE)) prepareOne(root);
    root.querySelectorAll(OPERABLE).forEach(prepareOne);
  };
  const observer = new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes') {
        if (r.target instanceof Element && r.target.matches(OPERABLE)) prepareOne(r.target);
      } else for (const node of Array.from(r.addedNodes)) if (node instanceof Element) prepare(node);
    }
  });
  const target = (e: KeyboardEvent): HTMLElement | null => {
    const el = e.target as HTMLElement | null;
    return el instanceof HTMLElement && el.matches(OPERABLE) ? el : null;
  };
  const isButton = (el: HTMLElement) => el.tagName.toLowerCase() === H5_BUTTON;
  const shown = (el: Element) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  /**
   * Tab stays inside an open modal sheet (`aria-modal`), as in a native dialog: from its last tab
   * stop (or from outside it) to its first, and back with Shift+Tab; what is behind it is out of reach.
   */
  const trapInModal = (e: KeyboardEvent) => {
    const modal = Array.from(doc.querySelectorAll('[aria-modal="true"]')).filter(shown).pop();
    if (!modal) return;
    const stops = Array.from(modal.querySelectorAll<HTMLElement>('[tabindex]')).filter((el) => el.tabIndex >= 0 && shown(el));
    if (stops.length === 0) return;
    const active = doc.activeElement;
    const inside = active instanceof Element && modal.contains(active);
    const edge = e.shiftKey ? stops[0] : stops[stops.length - 1];
    if (inside && active !== edge) return;
    e.preventDefault();
    (e.shiftKey ? stops[stops.length - 1] : stops[0])!.focus();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Tab') return trapInModal(e);
    const el = target(e);
    if (!el) return;
    if (e.key === ' ' && isButton(el)) e.preventDefault(); // no page scroll; the click comes on key up
    if (e.key === 'Enter' && !e.repeat) {
      e.preventDefault();
      el.click();
    }
  };
  const onKeyUp = (e: KeyboardEvent) => {
    const el = target(e);
    if (el && isButton(el) && e.key === ' ') el.click();
  };
  prepare(doc);
  observer.observe(doc.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ['disabled', 'role'] });
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
