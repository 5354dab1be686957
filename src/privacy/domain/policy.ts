/**
 * The policy as structured data: what the importer produces, the server stores and the pages
 * render. Pure TypeScript.
 */
import type { Lang } from './contract';

/** A block inside a section. Text is plain: emphasis of sensitive terms is applied at render time. */
export type PolicyBlock =
  | { type: 'heading'; text: string }
  | { type: 'paragraph'; text: string }
  | { type: 'list'; items: string[] }
  /** Consecutive lines printed without bullets or blank lines between them (an address, a contact
   * block, a table whose cells were flattened): rendered one under another. */
  | { type: 'lines'; lines: string[] };

/** Every block type, as a closed set. */
export const POLICY_BLOCK_TYPES = Object.freeze(['heading', 'paragraph', 'list', 'lines'] as const);
export type PolicyBlockType = (typeof POLICY_BLOCK_TYPES)[number];

/** A top-level section; `id` is stable across versions and shared by both languages. */
export interface PolicySection {
  /** Slug of the English title (`^[a-z][a-z0-9-]*$`); the same id in `zh` and `en`, in the same order. */
  id: string;
  title: string;
  blocks: PolicyBlock[];
}

/** One language of the policy. */
export interface PolicyText {
  /** A line printed above the title in the source, when there is one (zh: "法律声明和隐私条款"). */
  overline?: string;
  title: string;
  /** As printed in the policy, e.g. "最近更新:2023 年 12月" / "Last updated: December 2023". */
  lastUpdatedLabel: string;
  sections: PolicySection[];
  /**
   * Wordings of sensitive personal information this version's text uses that the app's glossary
   * lacks: emphasised like the glossary's (the importer adds them, `markSensitiveTerms`).
   */
  sensitiveTerms?: string[];
}

/** The whole bilingual policy document. */
export interface PolicyDocument {
  schemaVersion: 1;
  /** Last-updated month, `YYYY-MM`. */
  updated: string;
  texts: Record<Lang, PolicyText>;
}
