/**
 * The shop's production weapp build in the simulated WeChat host: the first-run privacy sheet
 * (regulator items 1, 2, 3 and 5), through the journeys of first-run-journeys.ts.
 */
import { launchWeapp } from '../harness';
import { firstRunJourneys } from './first-run-journeys';

jest.setTimeout(240_000);

firstRunJourneys(() => launchWeapp());
