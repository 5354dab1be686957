/** Warranty card numbers as printed: letters, digits and hyphens (the page and the server check the same). */
export const WARRANTY_NUMBER = /^[A-Z0-9][A-Z0-9-]{5,23}$/i;
