import { makeAutoObservable, runInAction } from 'mobx';
import type { Recommendation, ShopApi } from './shopApi';

/** Demo-shop state around the module: on-device browsing history and the recommendation list. */
export class ShopStore {
  /** Products viewed in this session, newest first; it leaves the device only with consent. */
  viewed: string[] = [];
  recommendations: Recommendation[] = [];
  personalised = false;
  message: string | null = null;

  constructor(private readonly api: ShopApi) {
    makeAutoObservable<ShopStore, 'api'>(this, { api: false }, { autoBind: true });
  }

  view(productId: string): void {
    this.viewed = [productId, ...this.viewed.filter((id) => id !== productId)].slice(0, 20);
  }

  async loadRecommendations(): Promise<void> {
    try {
      const res = await this.api.recommendations(this.viewed);
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
