import type { PolicyDocument, PolicySection } from '@maison/privacy/contract';
import { LANGS } from '@maison/privacy/contract';

function sectionsById(doc: PolicyDocument, lang: 'zh' | 'en'): Map<string, PolicySection> {
  return new Map(doc.texts[lang].sections.map((s) => [s.id, s]));
}

/**
 * Ids of the sections added, removed or edited (title or blocks, in either language) between two
 * versions, in the order of the newer document followed by removed ones.
 */
export function changedSections(previous: PolicyDocument | null, next: PolicyDocument): string[] {
  if (!previous) return [];
  const changed = new Set<string>();
  for (const lang of LANGS) {
    const before = sectionsById(previous, lang);
    const after = sectionsById(next, lang);
    for (const [id, section] of after) {
      const old = before.get(id);
      if (!old || JSON.stringify(old) !== JSON.stringify(section)) changed.add(id);
    }
    for (const id of before.keys()) if (!after.has(id)) changed.add(id);
  }
  const order = next.texts.zh.sections.map((s) => s.id);
  return [...changed].sort((a, b) => {
    const ia = order.indexOf(a);
    const ib = order.indexOf(b);
    return (ia < 0 ? Infinity : ia) - (ib < 0 ? Infinity : ib);
  });
}
