/** The ports every platform builds the same way: the host's language, the clock, ids, timers and the render yield. */
import { randomIds } from './ids';
import { taroSystem, yieldToRenderer } from './system';
import type { PlatformPorts } from './platformTypes';

export function sharedPorts(): Pick<PlatformPorts, 'system' | 'clock' | 'ids' | 'timer' | 'yieldToRenderer'> {
  return {
    system: taroSystem,
    clock: { now: () => Date.now() },
    ids: randomIds,
    timer: {
      setTimeout: (fn, ms) => {
        const h = setTimeout(fn, ms);
        return () => clearTimeout(h);
      },
    },
    yieldToRenderer,
  };
}
