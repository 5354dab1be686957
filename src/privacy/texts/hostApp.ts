/**
 * The app the mini-program runs in, for the texts that speak of it: WeChat, or Douyin in the `tt`
 * build (`process.env.TARO_ENV` is replaced at build time, so each build carries its own words).
 * The browser build keeps WeChat's: its demo stands in for the WeChat mini-program.
 */
export const ON_DOUYIN = process.env.TARO_ENV === 'tt';

export const HOST_APP = ON_DOUYIN ? ({ zh: '抖音', en: 'Douyin' } as const) : ({ zh: '微信', en: 'WeChat' } as const);
