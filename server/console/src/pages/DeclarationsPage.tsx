/** The privacy-guide checklist to file in WeChat's admin console, its changes since the last filing, and Douyin's agreement beside it. */
import { useState } from 'react';
import type { PrivacyGuide } from '@maison/privacy/contract';
import { ErrorBox, Heading, PageBody, useAction, useConsole, useLoad, ViewerNote, when, who } from '../ui';

export function DeclarationsPage() {
  const { api, canWrite, lang, notify, t } = useConsole();
  const [loaded, reload] = useLoad(() => Promise.all([api.privacyGuide(), api.versions()]), 'declarations');
  const [error, setError] = useState('');
  const [busy, act] = useAction();
  return (
    <PageBody id='page-declarations' loaded={loaded}>
      {([guide, { versions }]) => {
        const active = versions.find((v) => v.status === 'active');
        return (
          <>
            <Heading>{t('decl.title')}</Heading>
            <ViewerNote />
            <p>{t('decl.intro')}</p>
            <table id='declarations-table'>
              <thead>
                <tr>
                  <th scope='col'>{t('decl.type')}</th>
                  <th scope='col'>{t('decl.purposes')}</th>
                  <th scope='col'>{t('decl.apis')}</th>
                </tr>
              </thead>
              <tbody>
                {guide.items.map((i) => (
                  <tr key={i.dataType} data-type={i.dataType}>
                    <td>
                      {i.label[lang]} ({i.dataType})
                    </td>
                    <td>
                      <ul>
                        {i.purposes.map((p, k) => (
                          <li key={k}>{p[lang]}</li>
                        ))}
                      </ul>
                    </td>
                    <td>{i.gatedApis.join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <h2>{t('decl.collected')}</h2>
            <p>{t('decl.collectedIntro')}</p>
            <div className='table-scroll'>
            <table id='declarations-collected'>
              <thead>
                <tr>
                  <th scope='col'>{t('decl.category')}</th>
                  <th scope='col'>{t('decl.purposes')}</th>
                  <th scope='col'>{t('decl.retention')}</th>
                </tr>
              </thead>
              <tbody>
                {guide.collected.map((c) => (
                  <tr key={c.row} data-row={c.row}>
                    <td>
                      {c.category[lang]}
                      <div className='hint'>{c.items[lang]}</div>
                    </td>
                    <td>{c.purpose[lang]}</td>
                    <td>{c.retention ? c.retention[lang] : <span className='badge badge-gap'>{t('decl.retentionGap')}</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            </div>
            <h2>{t('decl.owner')}</h2>
            <dl id='declarations-owner'>
              <dt>{t('decl.contact')} (contact_*)</dt>
              <dd>{guide.owner.contact[lang]}</dd>
              <dt>{t('decl.noticeMethod')} (notice_method)</dt>
              <dd id='decl-notice-method'>{guide.owner.noticeMethod[lang]}</dd>
              <dt>{t('decl.storePeriod')} (store_expire_timestamp)</dt>
              <dd id='decl-store-period'>
                {guide.owner.storePeriod ? guide.owner.storePeriod[lang] : t('decl.retentionGap')}
                {guide.owner.storePeriodExceptions.length > 0 && <div className='hint'>{t('decl.storeExceptions', guide.owner.storePeriodExceptions.join(', '))}</div>}
              </dd>
            </dl>
            <h2>{t('decl.changes')}</h2>
            {!guide.lastFiling ? (
              <p id='decl-changes'>{t('decl.neverFiled')}</p>
            ) : (
              <>
                <p className='hint'>{t('decl.lastFiled', when(lang, guide.lastFiling.filedAt), who(lang, guide.lastFiling.filedBy), guide.lastFiling.policyVersion ?? '—')}</p>
                {guide.changes.length ? (
                  <ul id='decl-changes'>
                    {guide.changes.map((c) => (
                      <li key={c.dataType}>
                        {c.dataType}: {t(`diff.${c.change}`)}
                        {c.apisAdded.length > 0 && ` · ${t('decl.apisAdded')}: ${c.apisAdded.join(', ')}`}
                        {c.apisRemoved.length > 0 && ` · ${t('decl.apisRemoved')}: ${c.apisRemoved.join(', ')}`}
                        {c.purposesChanged && c.change === 'changed' && ` · ${t('decl.purposesChanged')}`}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p id='decl-changes'>{t('decl.noChanges')}</p>
                )}
              </>
            )}
            <form
              id='decl-form'
              onSubmit={(ev) => {
                ev.preventDefault();
                if (!active) return;
                void act(async () => {
                  await api.fileGuide(active.version);
                  notify(t('decl.filed'));
                  await reload();
                }, setError);
              }}
            >
              <button type='submit' id='decl-file' disabled={!canWrite || !active || busy}>
                {t('decl.file')}
              </button>
              <ErrorBox id='decl-error' error={error} />
            </form>
            <DouyinAgreement guide={guide} />
          </>
        );
      }}
    </PageBody>
  );
}

/** Douyin's agreement form, beside WeChat's guide: the steps, one row per information type to add, the contact. */
function DouyinAgreement({ guide }: { guide: PrivacyGuide }) {
  const { lang, t } = useConsole();
  const { douyin } = guide;
  const list = (values: readonly string[]) => (values.length ? values.join(', ') : t('dy.none'));
  return (
    <section id='douyin-agreement' aria-labelledby='douyin-title'>
      <h2 id='douyin-title'>{t('dy.title')}</h2>
      <p>{t('dy.intro')}</p>
      <h3>{t('dy.steps')}</h3>
      <ol id='douyin-steps'>
        {douyin.steps.map((s, k) => (
          <li key={k}>{s[lang]}</li>
        ))}
      </ol>
      <div className='table-scroll'>
        <table id='douyin-table'>
          <thead>
            <tr>
              <th scope='col'>{t('dy.type')}</th>
              <th scope='col'>{t('decl.purposes')}</th>
              <th scope='col'>{t('dy.features')}</th>
              <th scope='col'>{t('dy.calls')}</th>
            </tr>
          </thead>
          <tbody>
            {douyin.items.map((i) => (
              <tr key={i.infoType ?? i.wechatDataTypes.join('+')} data-info-type={i.infoType ?? ''} data-wechat-types={i.wechatDataTypes.join(' ')}>
                <td>
                  {i.label[lang]}
                  {!i.infoType && (
                    <div>
                      <span className='badge badge-gap'>{t('dy.noType')}</span>
                    </div>
                  )}
                  <div className='hint'>{t('dy.wechatType', i.wechatDataTypes.join(', '))}</div>
                </td>
                <td>
                  <ul>
                    {i.purposes.map((p, k) => (
                      <li key={k}>{p[lang]}</li>
                    ))}
                  </ul>
                  {i.note && <p className='hint douyin-note'>{i.note[lang]}</p>}
                </td>
                <td>
                  <ul>
                    {i.features.map((f) => (
                      <li key={f.id}>{f.name[lang]}</li>
                    ))}
                  </ul>
                  {i.collectionRows.length > 0 && <div className='hint'>{t('dy.rows', i.collectionRows.join(', '))}</div>}
                </td>
                <td>{i.ttApis.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>{t('dy.contact')}</h3>
      <dl id='douyin-contact'>
        <dt>{t('dy.contactSource')}</dt>
        <dd>{douyin.contact.source[lang]}</dd>
        <dt>{t('dy.emails')}</dt>
        <dd>{list(douyin.contact.emails)}</dd>
        <dt>{t('dy.mobiles')}</dt>
        <dd>{list(douyin.contact.mobiles)}</dd>
        <dt>{t('dy.landlines')}</dt>
        <dd>{list(douyin.contact.landlines)}</dd>
      </dl>
      {douyin.contact.gap && (
        <p id='douyin-contact-gap'>
          <span className='badge badge-gap'>{t('dy.gapBadge')}</span> {douyin.contact.gap[lang]}
        </p>
      )}
    </section>
  );
}
