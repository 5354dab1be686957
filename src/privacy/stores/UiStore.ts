import { makeAutoObservable } from 'mobx';

/** Sheets the module can put in front of the shopper. */
export const SHEETS = Object.freeze(['privacy', 'reconsent', 'purpose', 'consent'] as const);
export type Sheet = (typeof SHEETS)[number];

/** UI state that is not a domain decision: which sheet is open, transient messages. */
export class UiStore {
  openSheet: Sheet | null = null;
  /** Extra context for the open sheet (e.g. the consent purpose or capability asked for). */
  sheetSubject: string | null = null;
  message: string | null = null;

  constructor() {
    makeAutoObservable(this);
  }

  show(sheet: Sheet, subject: string | null = null): void {
    this.openSheet = sheet;
    this.sheetSubject = subject;
  }

  close(sheet?: Sheet): void {
    if (sheet === undefined || this.openSheet === sheet) {
      this.openSheet = null;
      this.sheetSubject = null;
    }
  }

  say(message: string | null): void {
    this.message = message;
  }
}
