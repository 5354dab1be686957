/** HttpPort on WeChat: wx.request with a timeout. Any HTTP status resolves; no answer is a NetworkError. */
import Taro from '@tarojs/taro';
import { NetworkError, type HttpPort } from '../ports';
import { errMsgOf, wxCall, type WxCallbacks } from './storage.weapp';

/** What wx.request hands to `success`. */
export interface WxRequestResult {
  statusCode: number;
  header?: Record<string, unknown>;
  data?: unknown;
}

/** The part of `wx` (or Taro) the transport uses. */
export interface WxRequestHost {
  request(
    options: WxCallbacks<WxRequestResult> & {
      url: string;
      method: string;
      header: Record<string, string>;
      data?: unknown;
      timeout: number;
      dataType: 'json';
      responseType: 'text';
    },
  ): unknown;
}

export interface WeappHttpOptions {
  /** API origin, e.g. `https://api.example.com` (must be a request domain declared in WeChat's console). */
  baseUrl: string;
  /** Timeout when a request names none. Default 10 s. */
  defaultTimeoutMs?: number;
  host?: WxRequestHost;
}

/** Lower-cased header names: WeChat keeps the server's casing, which differs between platforms. */
export function lowerCaseHeaders(raw: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw ?? {})) if (v !== undefined && v !== null) out[k.toLowerCase()] = String(v);
  return out;
}

/** The WeChat transport. */
export function createWeappHttp(options: WeappHttpOptions): HttpPort {
  const wx = options.host ?? (Taro as unknown as WxRequestHost);
  const base = options.baseUrl.replace(/\/+$/, '');
  return {
    async request(req) {
      const header: Record<string, string> = { Accept: 'application/json', ...(req.headers ?? {}) };
      let res: WxRequestResult;
      try {
        res = await wxCall<WxRequestResult>((cb) =>
          wx.request({
            url: base + req.path,
            method: req.method,
            header,
            data: req.body,
            timeout: req.timeoutMs ?? options.defaultTimeoutMs ?? 10_000,
            // wx parses JSON answers itself and leaves other text as a string.
            dataType: 'json',
            responseType: 'text',
            ...cb,
          }),
        );
      } catch (err) {
        // "request:fail timeout", "request:fail url not in domain list", offline...
        throw new NetworkError(errMsgOf(err));
      }
      if (typeof res?.statusCode !== 'number') throw new NetworkError('request: answer without a status');
      const body = res.data === '' ? undefined : res.data;
      return { status: res.statusCode, headers: lowerCaseHeaders(res.header), body };
    },
  };
}
