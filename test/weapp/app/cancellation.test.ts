/**
 * Account cancellation in the production weapp build against the real backend, through the
 * journeys of cancellation-journeys.ts (WeChat login codes).
 */
import { launchWeapp } from '../harness';
import { cancellationJourneys } from './cancellation-journeys';
import { asShopper } from './shopper';

jest.setTimeout(240_000);

cancellationJourneys({ launch: (apiUrl, openid) => launchWeapp(asShopper({ url: apiUrl }, openid)) });
