/**
 * The policy as shoppers see it: the same segments as the shop's policy page (blocks flattened to
 * rows, sensitive terms emphasised by `blockSegments` from the module, with the app's glossary and
 * the version's own marked wordings),
 * drawn with HTML elements instead of Taro's.
 */
import { blockSegments, type EmphasisRun, type PolicyDocument, type PolicySection } from '@maison/privacy/contract';
import { SENSITIVE_TERMS } from '../../../src/shop/privacy-content';

function Runs({ runs }: { runs: EmphasisRun[] }) {
  return (
    <>
      {runs.map((run, i) =>
        run.sensitive ? (
          <strong key={i} className='sensitive'>
            {run.text}
          </strong>
        ) : (
          run.text
        ),
      )}
    </>
  );
}

/** One section's blocks, as the shop renders them; `terms`: the wordings emphasised. */
export function PreviewSection({ section, terms }: { section: PolicySection; terms: readonly string[] }) {
  return (
    <section data-section={section.id}>
      <h3>{section.title}</h3>
      {section.blocks.map((block, i) => {
        const { type, rows } = blockSegments(block, terms);
        if (type === 'heading') return <h4 key={i}>{rows[0]![0]!.text}</h4>;
        if (type === 'paragraph')
          return (
            <p key={i}>
              <Runs runs={rows[0]!} />
            </p>
          );
        if (type === 'lines')
          return (
            <p key={i} className='lines'>
              {rows.map((runs, j) => (
                <span key={j} className='line'>
                  <Runs runs={runs} />
                </span>
              ))}
            </p>
          );
        return (
          <ul key={i}>
            {rows.map((runs, j) => (
              <li key={j}>
                <Runs runs={runs} />
              </li>
            ))}
          </ul>
        );
      })}
    </section>
  );
}

/** The whole document in one language. */
export function PolicyPreview({ doc, lang }: { doc: PolicyDocument; lang: 'zh' | 'en' }) {
  const text = doc.texts[lang];
  // The app's glossary and the wordings this version marks itself.
  const terms = [...SENSITIVE_TERMS[lang], ...(text.sensitiveTerms ?? [])];
  return (
    <div className='preview' id='preview' lang={lang === 'zh' ? 'zh-CN' : 'en'}>
      {text.overline && (
        <p className='hint' id='preview-overline'>
          {text.overline}
        </p>
      )}
      <h3 id='preview-title'>{text.title}</h3>
      <p className='hint' id='preview-updated'>
        {text.lastUpdatedLabel}
      </p>
      {text.sections.map((s) => (
        <PreviewSection key={s.id} section={s} terms={terms} />
      ))}
    </div>
  );
}
