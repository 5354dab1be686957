/** The demo shop's catalogue: browsing it needs no personal information. */
export interface Product {
  id: string;
  name: { zh: string; en: string };
  price: number;
  category: 'watches' | 'jewellery' | 'leather';
}

export const CATALOGUE: readonly Product[] = Object.freeze([
  { id: 'tank-must', name: { zh: 'Tank Must 腕表', en: 'Tank Must watch' }, price: 26900, category: 'watches' },
  { id: 'santos', name: { zh: 'Santos 腕表', en: 'Santos watch' }, price: 58000, category: 'watches' },
  { id: 'love-bracelet', name: { zh: 'LOVE 手镯', en: 'LOVE bracelet' }, price: 49500, category: 'jewellery' },
  { id: 'juste-un-clou', name: { zh: 'Juste un Clou 戒指', en: 'Juste un Clou ring' }, price: 17800, category: 'jewellery' },
  { id: 'panthere-bag', name: { zh: 'Panthère 手袋', en: 'Panthère bag' }, price: 21500, category: 'leather' },
]);
