/** Types of i18n.js (shared by the browser UI and server/web). */
export type UiLang = 'fr' | 'en';
export const STORAGE_KEY: string;
export const STRINGS: Record<UiLang, Record<string, string>>;
export const STARTERS: Record<UiLang, string[]>;
export function isLang(v: unknown): v is UiLang;
export function detectLang(): UiLang;
export function saveLang(lang: UiLang): void;
export function translator(lang: UiLang): (key: string) => string;
export function applyI18n(root: ParentNode, lang: UiLang): void;
export function formatDate(date: string, lang: UiLang): string;
export function organisationName(name: string, lang: UiLang): string;
export function shortOrganisation(name: string, lang: UiLang): string;
