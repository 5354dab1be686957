/**
 * The `disabled` prop of a Taro Button or Switch from the real state. Taro's h5 components write
 * `disabled={false}` to the DOM as `disabled="false"`, which the `[disabled]` style matches, so a
 * working button looked disabled: an enabled control gets no attribute at all.
 */
export function disabledWhen(disabled: boolean): true | undefined {
  return disabled ? true : undefined;
}

/** The class list of a button that looks disabled exactly when it is (`pc-btn-off`). */
export function buttonClass(base: string, disabled: boolean): string {
  return disabled ? `${base} pc-btn-off` : base;
}
