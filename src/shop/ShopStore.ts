import { makeAutoObservable, runInAction } from 'mobx';
import type { Recommendation, ShopApi } from './shopApi';

/**
 * Demo-shop state around the module: the product open in its sheet and the recommendation list.
 * Opened products are recorded on the server only while the personalisation consent holds
 * (`ShopApi.recordView`); nothing about them is kept on the device.
 */
export class ShopStore {
  /** The product shown in the product sheet, or null. */
  openProduct: string | null = null;
  /** Whether opening `openProduct` was recorded for the recommendations. */
  openRecorded = false;
  recommendations: Recommendation[] = [];
  personalised = false;
  message: string | null = null;

  constructor(private readonly api: ShopApi) {
    makeAutoObservable<ShopStore, 'api'>(this, { api: false }, { autoBind: true });
  }

  /** Opens a product's sheet; with the consent the view is recorded and the recommendations re-read. */
  async open(productId: string): Promise<void> {
    this.openProduct = productId;
    this.openRecorded = false;
    let recorded = false;
    try {
      recorded = await this.api.recordView(productId);
    } catch (err) {
      // A view that could not be recorded changes nothing the shopper asked for.
      console.warn('[shop] recording a product view failed', err);
    }
    runInAction(() => {
      if (this.openProduct === productId) this.openRecorded = recorded;
    });
    if (recorded) await this.loadRecommendations();
  }

  close(): void {
    this.openProduct = null;
    this.openRecorded = false;
  }

  async loadRecommendations(): Promise<void> {
    try {
      const res = await this.api.recommendations();
      // An answer of another shape (a proxy's error page) is treated like no answer.
      const items = Array.isArray(res?.items) ? res.items.filter((i) => typeof i?.productId === 'string') : [];
      runInAction(() => {
        this.recommendations = items;
        this.personalised = items.length > 0 && res.personalised === true;
      });
    } catch {
      // Offline or no backend: the catalogue itself is the fallback.
      runInAction(() => {
        this.recommendations = [];
        this.personalised = false;
      });
    }
  }

  say(message: string | null): void {
    this.message = message;
  }
}
