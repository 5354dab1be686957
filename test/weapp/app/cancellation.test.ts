/**
 * Account cancellation in the production weapp build against the real backend, through the
 * journeys of cancellation-journeys.ts (WeChat login codes).
 */
import { launchWeapp } from '../harness';
import { cancellationJourneys } from './cancellation-journeys';
import { asShopper } from './shopper';

jest.setTimeout(240_000);

// WeChat's closing note tells how to remove the mini-program from WeChat's "最近使用" list.
cancellationJourneys({ launch: (apiUrl, openid) => launchWeapp(asShopper({ url: apiUrl }, openid)), deletedNote: { contains: '最近使用' } });
