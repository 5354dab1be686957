/**
 * WeChat's privacy framework through the production weapp build (the journeys of
 * privacy-framework-journeys.ts; the boutique finder reads wx.getFuzzyLocation).
 */
import { launchWeapp } from '../harness';
import { privacyFrameworkJourneys } from './privacy-framework-journeys';

jest.setTimeout(240_000);

privacyFrameworkJourneys(() => launchWeapp(), 'getFuzzyLocation');
