/**
 * Account cancellation in the production Douyin build against the real backend: the journeys of
 * test/weapp/app/cancellation-journeys.ts, signing in with tt.login codes the backend exchanges
 * with (a fake) Douyin (`platform: 'tt'`).
 */
import { cancellationJourneys } from '../../weapp/app/cancellation-journeys';
import { asShopper } from '../../weapp/app/shopper';
import { launchTt } from '../harness';

jest.setTimeout(240_000);

cancellationJourneys({
  launch: (apiUrl, openid) => launchTt(asShopper({ url: apiUrl }, openid, {}, 'tt')),
  loginPlatform: 'tt',
  // On Douyin the note says the local data is gone, and gives no WeChat instructions.
  deletedNote: { contains: '本机上的相关数据也已清除', lacks: '微信' },
});
