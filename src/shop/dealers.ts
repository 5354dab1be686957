/**
 * The demo shop's authorised dealers (demo data: an adopting shop lists its real dealers). The
 * dealer the shopper picks is named, with its contact, on the dealer-sharing consent sheet (PIPL art. 23).
 */
import type { ConsentRecipient } from '@maison/privacy/config';

export interface Dealer extends ConsentRecipient {
  id: string;
}

export const DEALERS: readonly Dealer[] = Object.freeze([
  {
    id: 'dealer-shanghai-1',
    name: { zh: '示例授权经销商（上海）', en: 'Example authorised dealer (Shanghai)' },
    contact: { zh: '上海市示例路1号；电话 021-0000 0000（演示数据）', en: '1 Example Road, Shanghai; phone 021-0000 0000 (demo data)' },
  },
]);
