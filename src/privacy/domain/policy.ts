/**
 * The policy as structured data: what the importer produces, the server stores and the pages
 * render. Pure TypeScript.
 */
import type { Lang } from './contract';

/** A block inside a section. Text is plain: emphasis of sensitive terms is applied at render time. */
export type PolicyBlock =
  | { type: 'heading'; text: string }
  | { type: 'paragraph'; text: string }
  | { type: 'list'; items: string[] };

/** A top-level section; `id` is stable across versions and shared by both languages. */
export interface PolicySection {
  id: string;
  title: string;
  blocks: PolicyBlock[];
}

/** One language of the policy. */
export interface PolicyText {
  title: string;
  /** As printed in the policy, e.g. "最近更新:2023 年 12月" / "Last updated: December 2023". */
  lastUpdatedLabel: string;
  sections: PolicySection[];
}

/** The whole bilingual policy document. */
export interface PolicyDocument {
  schemaVersion: 1;
  /** Last-updated month, `YYYY-MM`. */
  updated: string;
  texts: Record<Lang, PolicyText>;
}
