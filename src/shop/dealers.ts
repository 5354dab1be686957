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
  {
    id: 'dealer-beijing-1',
    name: { zh: '示例授权经销商（北京）', en: 'Example authorised dealer (Beijing)' },
    contact: { zh: '北京市示例街2号；电话 010-0000 0000（演示数据）', en: '2 Example Street, Beijing; phone 010-0000 0000 (demo data)' },
  },
]);

/** A day an appointment can be asked for: its date (China time) and how it is shown. */
export interface AppointmentDay {
  date: string;
  label: { zh: string; en: string };
}

const WEEKDAYS = { zh: ['周日', '周一', '周二', '周三', '周四', '周五', '周六'], en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] };
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** China has one time zone, UTC+8, without daylight saving time. */
const CHINA_OFFSET_MS = 8 * 3600 * 1000;

/** The `count` days after today in China time (an appointment is asked for a later day). */
export function appointmentDays(now: Date, count: number): AppointmentDay[] {
  const today = new Date(Math.floor((now.getTime() + CHINA_OFFSET_MS) / 86_400_000) * 86_400_000);
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(today.getTime() + (i + 1) * 86_400_000);
    const month = d.getUTCMonth();
    const date = d.getUTCDate();
    const weekday = d.getUTCDay();
    return {
      date: d.toISOString().slice(0, 10),
      label: { zh: `${month + 1}月${date}日 ${WEEKDAYS.zh[weekday]}`, en: `${WEEKDAYS.en[weekday]} ${date} ${MONTHS_EN[month]}` },
    };
  });
}
