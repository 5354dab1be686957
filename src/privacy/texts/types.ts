/**
 * The types of the module's texts: one type per package half (the Chinese texts' own), every text
 * of a language together (`Texts`), and an app's replacements (`TextOverrides`). Types only.
 */
import type { Lang } from '../domain/contract';
import type { MainTexts } from './zh';
import type { PageTexts } from './zh.pages';

export type { MainTexts, PageTexts };

/** Every text of the module in one language, by screen. */
export type Texts = MainTexts & PageTexts;

/** A replacement for part of the texts: any screen, any key; records key by key, a list or a function whole. */
export type TextOverride<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends readonly (infer E)[]
    ? readonly E[]
    : T extends object
      ? { readonly [K in keyof T]?: TextOverride<T[K]> }
      : T;

/** An app's replacements for the module's texts (`PrivacyApp.texts`), per language, screen and key. */
export type TextOverrides = { readonly [L in Lang]?: TextOverride<Texts> };
