/**
 * The demo shop's boutiques in mainland China, and the pure helpers the boutique finder needs:
 * distance from an approximate position, and the city list that is its fallback.
 */

/** A city with at least one boutique (the finder's fallback list). */
export interface City {
  id: string;
  name: { zh: string; en: string };
}

/** One boutique; coordinates in GCJ-02, as `getFuzzyLocation({ type: 'gcj02' })` returns them. */
export interface Boutique {
  id: string;
  cityId: string;
  name: { zh: string; en: string };
  address: { zh: string; en: string };
  latitude: number;
  longitude: number;
  /** The boutique's phone for appointments (demo numbers: an adopting shop lists its real ones). */
  phone: string;
}

/** Cities in the order the fallback list shows them. */
export const CITIES: readonly City[] = Object.freeze([
  { id: 'shanghai', name: { zh: '上海', en: 'Shanghai' } },
  { id: 'beijing', name: { zh: '北京', en: 'Beijing' } },
  { id: 'guangzhou', name: { zh: '广州', en: 'Guangzhou' } },
  { id: 'shenzhen', name: { zh: '深圳', en: 'Shenzhen' } },
  { id: 'chengdu', name: { zh: '成都', en: 'Chengdu' } },
  { id: 'hangzhou', name: { zh: '杭州', en: 'Hangzhou' } },
].map((c) => Object.freeze(c)));

/** Every boutique. */
export const BOUTIQUES: readonly Boutique[] = Object.freeze([
  {
    id: 'sh-plaza66',
    cityId: 'shanghai',
    name: { zh: '上海恒隆广场精品店', en: 'Shanghai Plaza 66' },
    address: { zh: '上海市静安区南京西路1266号', en: '1266 West Nanjing Road, Jing’an, Shanghai' },
    latitude: 31.2286,
    longitude: 121.4528,
    phone: '021-0000 0001',
  },
  {
    id: 'sh-ifc',
    cityId: 'shanghai',
    name: { zh: '上海国金中心精品店', en: 'Shanghai IFC' },
    address: { zh: '上海市浦东新区世纪大道8号', en: '8 Century Avenue, Pudong, Shanghai' },
    latitude: 31.2366,
    longitude: 121.5018,
    phone: '021-0000 0002',
  },
  {
    id: 'bj-skp',
    cityId: 'beijing',
    name: { zh: '北京SKP精品店', en: 'Beijing SKP' },
    address: { zh: '北京市朝阳区建国路87号', en: '87 Jianguo Road, Chaoyang, Beijing' },
    latitude: 39.9096,
    longitude: 116.4801,
    phone: '010-0000 0001',
  },
  {
    id: 'bj-wangfujing',
    cityId: 'beijing',
    name: { zh: '北京王府中环精品店', en: 'Beijing WF Central' },
    address: { zh: '北京市东城区王府井大街269号', en: '269 Wangfujing Street, Dongcheng, Beijing' },
    latitude: 39.9165,
    longitude: 116.4109,
    phone: '010-0000 0002',
  },
  {
    id: 'gz-taikoo',
    cityId: 'guangzhou',
    name: { zh: '广州太古汇精品店', en: 'Guangzhou Taikoo Hui' },
    address: { zh: '广州市天河区天河路383号', en: '383 Tianhe Road, Tianhe, Guangzhou' },
    latitude: 23.1342,
    longitude: 113.3313,
    phone: '020-0000 0001',
  },
  {
    id: 'sz-mixc',
    cityId: 'shenzhen',
    name: { zh: '深圳万象城精品店', en: 'Shenzhen MixC' },
    address: { zh: '深圳市罗湖区宝安南路1881号', en: '1881 South Bao’an Road, Luohu, Shenzhen' },
    latitude: 22.5394,
    longitude: 114.1121,
    phone: '0755-0000 0001',
  },
  {
    id: 'cd-taikoo',
    cityId: 'chengdu',
    name: { zh: '成都远洋太古里精品店', en: 'Chengdu Taikoo Li' },
    address: { zh: '成都市锦江区中纱帽街8号', en: '8 Zhongshamao Street, Jinjiang, Chengdu' },
    latitude: 30.6532,
    longitude: 104.0831,
    phone: '028-0000 0001',
  },
  {
    id: 'hz-tower',
    cityId: 'hangzhou',
    name: { zh: '杭州大厦精品店', en: 'Hangzhou Tower' },
    address: { zh: '杭州市拱墅区武林广场1号', en: '1 Wulin Square, Gongshu, Hangzhou' },
    latitude: 30.2741,
    longitude: 120.1646,
    phone: '0571-0000 0001',
  },
].map((b) => Object.freeze(b)));

/** A boutique with its distance from the shopper, in kilometres. */
export interface BoutiqueDistance {
  boutique: Boutique;
  km: number;
}

const EARTH_RADIUS_KM = 6371;
const rad = (deg: number): number => (deg * Math.PI) / 180;

/** Great-circle distance in km (haversine); ample for a city-level fuzzy position. */
export function distanceKm(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const dLat = rad(b.latitude - a.latitude);
  const dLon = rad(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The `limit` boutiques nearest to a position, nearest first. */
export function nearestBoutiques(from: { latitude: number; longitude: number }, limit = 3, boutiques: readonly Boutique[] = BOUTIQUES): BoutiqueDistance[] {
  return boutiques
    .map((boutique) => ({ boutique, km: distanceKm(from, boutique) }))
    .sort((x, y) => x.km - y.km)
    .slice(0, limit);
}

/** The boutiques of one city (the fallback when location is refused). */
export function boutiquesIn(cityId: string, boutiques: readonly Boutique[] = BOUTIQUES): Boutique[] {
  return boutiques.filter((b) => b.cityId === cityId);
}

/** A boutique by id, or undefined. */
export function boutiqueById(id: string, boutiques: readonly Boutique[] = BOUTIQUES): Boutique | undefined {
  return boutiques.find((b) => b.id === id);
}

/** Distance as shown to the shopper: metres under 1 km, one decimal under 10 km, whole km beyond. */
export function formatDistance(km: number, lang: 'zh' | 'en'): string {
  const text = km < 1 ? `${Math.round(km * 1000)} m` : km < 10 ? `${km.toFixed(1)} km` : `${Math.round(km).toLocaleString('en-US')} km`;
  return lang === 'zh' ? text.replace(' m', ' 米').replace(' km', ' 公里') : text;
}
