/**
 * Runtime half of the weapp ARIA attributes (see index.ts): Taro compresses attribute names through
 * an alias map it computes once, on first use, from `internalComponents`. The build lists this
 * module among the platform runtimes, so the app entry imports it before the app's own code and
 * before any render.
 */
import { mergeInternalComponents } from '@tarojs/shared';
import ARIA_COMPONENTS from './aria-components.json';

// A copy: Taro's merge writes into the objects it is given.
mergeInternalComponents(JSON.parse(JSON.stringify(ARIA_COMPONENTS)));
