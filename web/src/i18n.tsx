/**
 * Vietnamese by default, English by a switch (remembered on this device). Messages are ICU
 * MessageFormat (plural, select), formatted by intl-messageformat; the build compiles them to
 * syntax trees (vite.config.ts, `precompileMessages`), so the ICU parser is not shipped. The
 * English dictionary is its own chunk, loaded only when English is chosen. The Vietnamese one is in
 * two: the sign-in's words come with the first screen, the rest and the codes' names (`loadRest`)
 * are fetched while the sign-in shows; `complete` says when they are here (the App waits for it
 * before it shows anything after the sign-in).
 */
import type { MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { IntlMessageFormat } from 'intl-messageformat';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import { durationParts, formatDate, formatDateTime, formatNumber } from './format';
import type { LABELS, LabelGroup } from './labels';
import { vi, type MessageKey } from './messages';
import { eventName, eventNamesStore } from './workflows';

export type Lang = 'vi' | 'en';
export const LANG_KEY = 'baove.lang';

export interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t(key: MessageKey, params?: Record<string, string | number>): string;
  /** The name of an API code (state, event, channel, ...); the code itself when unknown. */
  label(group: LabelGroup, code: string | null | undefined): string;
  dateTime(iso: string | null | undefined): string;
  date(iso: string | null | undefined): string;
  number(n: number, digits?: number): string;
  /** "2 ngày 3 giờ" / "2d 3h". */
  duration(ms: number): string;
  /** "còn 2 giờ" / "quá hạn 3 giờ" until (or since) `dueAt`. */
  countdown(dueAt: string, now: number): string;
  /** The API's bilingual "Tiếng Việt / English" messages, in the chosen language. */
  serverText(message: string): string;
  /** Whether every message and name is here (before, only the sign-in's: `loadRest`). */
  complete: boolean;
}

const I18nContext = createContext<I18n | null>(null);

function initialLang(): Lang {
  return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'vi';
}

/** A message as the build leaves it: its syntax tree (the source text when run unbuilt, as in tests). */
type Dictionary = Partial<Record<MessageKey, string | MessageFormatElement[]>>;
const loadEnglish = (): Promise<Dictionary> => import('./messages.en').then((m) => m.en);

/** The Vietnamese messages after the sign-in, and the codes' names in both languages. */
interface Rest {
  messages: Dictionary;
  labels: typeof LABELS;
}
let rest: Rest | null = null;
let restLoading: Promise<void> | null = null;
const restListeners = new Set<() => void>();
const restStore = {
  subscribe(listener: () => void) {
    restListeners.add(listener);
    return () => restListeners.delete(listener);
  },
  get: () => rest,
};

/** Fetches the rest of the words (once; again after a failure, e.g. offline before the service worker kept them). */
export function loadRest(): Promise<void> {
  restLoading ??= Promise.all([import('./messages.more'), import('./labels')]).then(
    ([m, l]) => {
      rest = { messages: m.viMore, labels: l.LABELS };
      restListeners.forEach((f) => f());
    },
    (e: unknown) => {
      restLoading = null;
      throw e;
    },
  );
  return restLoading;
}

/** One formatter per message and language, made when the message is first shown. */
function formatterOf(lang: Lang, dict: Dictionary) {
  const made = new Map<MessageKey, IntlMessageFormat>();
  return (key: MessageKey): IntlMessageFormat => {
    let f = made.get(key);
    if (!f) {
      const text = dict[key];
      // A message of the rest shown before it came (the App waits for `complete`): a bug, named.
      if (text === undefined) throw new Error('not among the words loaded so far');
      made.set(key, (f = new IntlMessageFormat(text, lang, undefined, { ignoreTag: true })));
    }
    return f;
  };
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const [english, setEnglish] = useState<Dictionary | null>(null);

  // Hydrating the pre-rendered sign-in (main.tsx), the store is as the build saw it: the rest not yet here.
  const more = useSyncExternalStore(restStore.subscribe, restStore.get, restStore.get);
  // Fetched at once, while the sign-in shows; tried again when the connection returns.
  useEffect(() => {
    if (more) return;
    const load = () => void loadRest().catch(() => undefined);
    load();
    window.addEventListener('online', load);
    return () => window.removeEventListener('online', load);
  }, [more]);

  useEffect(() => {
    document.documentElement.lang = lang;
    if (lang === 'en' && !english) void loadEnglish().then(setEnglish);
  }, [lang, english]);

  const setLang = useCallback((next: Lang) => {
    localStorage.setItem(LANG_KEY, next);
    setLangState(next);
  }, []);

  const knownEvents = useSyncExternalStore(eventNamesStore.subscribe, eventNamesStore.version, eventNamesStore.version);
  const value = useMemo<I18n | null>(() => {
    const dict: Dictionary | null = lang === 'vi' ? (more ? { ...vi, ...more.messages } : vi) : english;
    if (!dict) return null;
    const format = formatterOf(lang, dict);
    // A message shown without one of its arguments is a bug, but must not take the page down with it: the key shows, and the console says why.
    const t: I18n['t'] = (key, params) => {
      try {
        return String(format(key).format(params));
      } catch (e) {
        console.error(`message ${key}:`, e);
        return key;
      }
    };
    const duration = (ms: number) =>
      durationParts(ms).map(([n, unit]) => (lang === 'vi' ? `${n} ${t(`time.${unit}`)}` : `${n}${t(`time.${unit}`)}`)).join(' ');
    return {
      lang,
      setLang,
      t,
      label: (group, code) => {
        if (!code) return '—';
        const declared = group === 'event' ? eventName(code) : undefined;
        if (declared) return lang === 'vi' ? declared.labelVi : declared.labelEn;
        const names = more?.labels[group][code];
        return names ? names[lang === 'vi' ? 0 : 1] : code;
      },
      dateTime: (iso) => formatDateTime(iso, lang),
      date: (iso) => formatDate(iso, lang),
      number: (n, digits) => formatNumber(n, lang, digits),
      duration,
      countdown: (dueAt, now) => {
        const ms = new Date(dueAt).getTime() - now;
        return ms >= 0 ? t('time.left', { d: duration(ms) }) : t('time.late', { d: duration(ms) });
      },
      serverText: (message) => {
        const i = message.indexOf(' / ');
        if (i < 0) return message;
        return lang === 'vi' ? message.slice(0, i) : message.slice(i + 3);
      },
      complete: more !== null,
    };
  }, [lang, english, setLang, knownEvents, more]);

  // English chosen on this device: nothing is shown until its dictionary has come (one small file).
  return value && <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
