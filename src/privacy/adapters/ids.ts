import type { IdPort } from '../ports';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * Random ids for events, the device and idempotency keys: time-ordered prefix plus 16 random
 * characters. WeChat has no synchronous crypto API, and these ids identify nothing about the
 * shopper, so Math.random is enough.
 */
export const randomIds: IdPort = {
  newId() {
    let random = '';
    for (let i = 0; i < 16; i++) random += ALPHABET[Math.floor(Math.random() * ALPHABET.length)];
    return `${Date.now().toString(36)}-${random}`;
  },
};
