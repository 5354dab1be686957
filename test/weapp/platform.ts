/**
 * The mini-program platforms the simulated host runs: what differs between a WeChat build and a
 * Douyin build of the same Taro app, as the host and the view decoder need it.
 */
import { createWxDouble, type WxDouble, type WxHostHooks } from './wx-double';

/** One platform of the simulated host. */
export interface HostPlatform {
  /** Taro's `--type`, and the build's folder under dist/. */
  readonly name: 'weapp' | 'tt';
  /** The client, for messages (`WeChat`, `Douyin`). */
  readonly client: string;
  /** The global the app calls (`wx`, `tt`). */
  readonly global: 'wx' | 'tt';
  /** Template files (`wxml` / `ttml`) and their directive prefix (`wx:for` / `tt:for`). */
  readonly template: { readonly ext: string; readonly directive: string };
  /** Script modules the templates import (`<wxs module src="utils.wxs">` / `<sjs ... utils.sjs>`). */
  readonly scriptModule: { readonly tag: string; readonly ext: string };
  /** The platform's API double, bound to one app process. */
  createDouble(hooks: WxHostHooks): WxDouble;
}

/** WeChat: dist/weapp, `wx`, base.wxml with `wx:` directives, utils.wxs. */
export const WEAPP_PLATFORM: HostPlatform = Object.freeze({
  name: 'weapp',
  client: 'WeChat',
  global: 'wx',
  template: Object.freeze({ ext: 'wxml', directive: 'wx' }),
  scriptModule: Object.freeze({ tag: 'wxs', ext: 'wxs' }),
  createDouble: createWxDouble,
});

/** The base template Taro writes for `platform` (`base.wxml`, `base.ttml`). */
export const baseTemplateFile = (platform: HostPlatform): string => `base.${platform.template.ext}`;

/** The files of a build the host reads: code, config, templates and their script modules. */
export function isHostFile(platform: HostPlatform, name: string): boolean {
  return name.endsWith('.js') || name.endsWith('.json') || name.endsWith(`.${platform.template.ext}`) || name.endsWith(`.${platform.scriptModule.ext}`);
}

/**
 * Throws unless `template` (a build's base template) was written for `platform`: its loops use the
 * platform's directive prefix and it imports the platform's script module.
 */
export function checkBaseTemplate(platform: HostPlatform, template: string, where: string): void {
  const loop = `${platform.template.directive}:for=`;
  const module = new RegExp(`<${platform.scriptModule.tag}\\s+module="[^"]+"\\s+src="[^"]+\\.${platform.scriptModule.ext}"`);
  if (!template.includes(loop) || !module.test(template)) {
    throw new Error(`${where} is not a ${platform.client} build: its ${baseTemplateFile(platform)} lacks ${loop} loops or a <${platform.scriptModule.tag}> module`);
  }
}
