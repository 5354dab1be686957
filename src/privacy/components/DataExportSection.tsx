import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { DataExportStore, type ExportDelivery } from '../stores/DataExportStore';
import { textsOf } from '../texts/pages';
import { usePrivacy, usePrivacyLists } from './PrivacyContext';
import { usePageTexts } from './usePageTexts';
import './DataExportSection.scss';
import { buttonClass, disabledWhen } from './disabledWhen';

/**
 * The privacy centre's "download a copy of my data": a readable summary (each part named as the
 * collection list names it), and the file — downloaded in the browser; on WeChat written, then
 * sent to a chat from its own tap, with "copy all" where sending is missing or fails.
 */
export const DataExportSection = observer(function DataExportSection() {
  const privacy = usePrivacy();
  const { account } = privacy;
  // Made with the centre (in the privacy subpackage), so the export's code and the collection list
  // it names its parts by stay out of the main package; leaving the centre forgets the summary.
  const { collectionList } = usePrivacyLists();
  const [dataExport] = useState(
    () =>
      new DataExportStore({
        api: privacy.api,
        files: privacy.options.ports.files,
        clock: privacy.options.ports.clock,
        lang: () => privacy.policy.lang,
        texts: () => textsOf(privacy)[privacy.policy.lang],
        collectionList,
        labels: privacy.consentPrompts.titles,
      }),
  );
  const t = usePageTexts().export;
  const [copyFailed, setCopyFailed] = useState(false);
  const { summary, file, delivery } = dataExport;

  const copy = () => {
    setCopyFailed(false);
    dataExport.copy().catch((err: unknown) => {
      console.error('[privacy] copying the data export failed', err);
      setCopyFailed(true);
    });
  };

  const fileName = file?.fileName ?? '';
  const status: Partial<Record<ExportDelivery, string>> = {
    downloaded: t.downloaded(fileName),
    saved: dataExport.canSend ? t.saved(fileName) : t.sendMissing,
    sent: t.sent,
    'send-cancelled': t.sendCancelled,
    'send-failed': t.sendFailed,
    'save-failed': t.saveFailed,
    copied: t.copied,
  };
  // Copying is the way out wherever the file cannot be sent or kept.
  const offerCopy = delivery !== null && delivery !== 'downloaded' && delivery !== 'sent' && (delivery !== 'saved' || !dataExport.canSend);
  const offerSend = dataExport.canSend && (delivery === 'saved' || delivery === 'send-cancelled');

  return (
    <View id='centre-export-section' className='pc-section' role='region' aria-label={t.title}>
      <View className='pc-heading' role='heading' aria-level={2}>
        <Text>{t.title}</Text>
      </View>
      {account.signedIn ? (
        <Button id='centre-export' className={buttonClass('pc-btn', dataExport.isExporting)} disabled={disabledWhen(dataExport.isExporting)} onClick={() => void dataExport.download()}>
          {dataExport.isExporting ? t.exporting : summary ? t.again : t.button}
        </Button>
      ) : (
        <Text id='centre-export-needs-account' className='pc-small'>
          {t.needsAccount}
        </Text>
      )}
      {dataExport.error && (
        <View id='centre-export-error' className='pc-problem' role='alert'>
          <Text>{t.failed}</Text>
        </View>
      )}
      {delivery && status[delivery] && (
        <View id='centre-export-status' className='pc-note' role='status'>
          <Text>{status[delivery]}</Text>
        </View>
      )}
      {copyFailed && (
        <View id='centre-export-copy-failed' className='pc-problem' role='alert'>
          <Text>{t.copyFailed}</Text>
        </View>
      )}
      {(offerSend || offerCopy) && (
        <View className='pc-actions'>
          {offerSend && (
            <Button id='centre-export-send' className={buttonClass('pc-btn pc-btn-strong', dataExport.isSending)} disabled={disabledWhen(dataExport.isSending)} onClick={() => void dataExport.send()}>
              {t.send}
            </Button>
          )}
          {offerCopy && (
            <Button id='centre-export-copy' className='pc-btn' onClick={copy}>
              {t.copy}
            </Button>
          )}
        </View>
      )}
      {summary && (
        <View id='centre-export-summary' className='pc-export'>
          <Text className='pc-small'>{t.summaryIntro(summary.exportedAt, fileName || '—')}</Text>
          {summary.sections.map((section) => (
            <View key={section.id} id={`export-${section.id}`} className='pc-export-part' role='group' aria-labelledby={`export-${section.id}-title`}>
              <View id={`export-${section.id}-title`} className='pc-name pc-export-title' role='heading' aria-level={3}>
                <Text>{section.title}</Text>
              </View>
              {section.lines.map((line, i) => (
                <View key={i} className='pc-export-line'>
                  <Text className='pc-export-label'>{line.label}</Text>
                  <Text className='pc-export-value'>{line.value}</Text>
                </View>
              ))}
            </View>
          ))}
        </View>
      )}
    </View>
  );
});
