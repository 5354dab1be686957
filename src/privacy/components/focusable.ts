/**
 * Keyboard focus for a View acting as a link or button (tabindex 0). Taro's View types omit
 * tabIndex; its h5 element takes it, WeChat ignores it. It also makes a scrolling sheet reachable
 * by keyboard, as the sheet then holds something focusable.
 */
export const FOCUSABLE = Object.freeze({ tabIndex: 0 }) as Readonly<Record<string, unknown>>;
