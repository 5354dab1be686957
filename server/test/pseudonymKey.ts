/** The `PSEUDONYM_KEY` of test servers, and of worker processes that purge their database. */
export const TEST_PSEUDONYM_KEY = 'test-pseudonym-key-0123456789abcdef0123456789';
