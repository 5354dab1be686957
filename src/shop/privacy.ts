import Taro from '@tarojs/taro';
import { RootStore, type PolicyDocument, type StoragePort } from '../privacy';
import { taroSystem, yieldToRenderer } from '../privacy/adapters/system';

const placeholder: PolicyDocument = {
  schemaVersion: 1,
  updated: '2023-12',
  texts: {
    zh: { title: '隐私政策', lastUpdatedLabel: '最近更新:2023 年 12月', sections: [] },
    en: { title: 'Privacy Policy', lastUpdatedLabel: 'Last updated: December 2023', sections: [] },
  },
};

const storage: StoragePort = {
  async get(key) {
    const v = Taro.getStorageSync(key);
    return typeof v === 'string' && v !== '' ? v : null;
  },
  async set(key, value) {
    Taro.setStorageSync(key, value);
  },
  async remove(key) {
    Taro.removeStorageSync(key);
  },
  async keys() {
    return Taro.getStorageInfoSync().keys;
  },
};

/** The shop's one instance of the privacy module. */
export const privacy = new RootStore({
  ports: {
    storage,
    clock: { now: () => Date.now() },
    ids: { newId: () => Math.random().toString(36).slice(2) + Date.now().toString(36) },
    http: { request: () => Promise.reject(new Error('offline')) },
    system: taroSystem,
    yieldToRenderer,
  },
  bundledPolicy: { version: 1, document: placeholder, source: 'bundled' },
});
