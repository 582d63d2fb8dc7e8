/**
 * Vietnamese by default, English by a switch (remembered on this device). Messages are ICU
 * MessageFormat (plural, select), formatted by intl-messageformat; the build compiles them to
 * syntax trees (vite.config.ts, `precompileMessages`), so the ICU parser is not shipped. The
 * English dictionary is its own chunk, loaded only when English is chosen.
 */
import type { MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { IntlMessageFormat } from 'intl-messageformat';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import { durationParts, formatDate, formatDateTime, formatNumber } from './format';
import { LABELS, type LabelGroup } from './labels';
import { vi, type MessageKey } from './messages';
import { eventName, eventNamesStore } from './workflows';

export type Lang = 'vi' | 'en';
const LANG_KEY = 'baove.lang';

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
}

const I18nContext = createContext<I18n | null>(null);

function initialLang(): Lang {
  return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'vi';
}

/** A message as the build leaves it: its syntax tree (the source text when run unbuilt, as in tests). */
type Dictionary = Record<MessageKey, string | MessageFormatElement[]>;
const loadEnglish = (): Promise<Dictionary> => import('./messages.en').then((m) => m.en);

/** One formatter per message and language, made when the message is first shown. */
function formatterOf(lang: Lang, dict: Dictionary) {
  const made = new Map<MessageKey, IntlMessageFormat>();
  return (key: MessageKey): IntlMessageFormat => {
    let f = made.get(key);
    if (!f) made.set(key, (f = new IntlMessageFormat(dict[key], lang, undefined, { ignoreTag: true })));
    return f;
  };
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const [english, setEnglish] = useState<Dictionary | null>(null);

  useEffect(() => {
    document.documentElement.lang = lang;
    if (lang === 'en' && !english) void loadEnglish().then(setEnglish);
  }, [lang, english]);

  const setLang = useCallback((next: Lang) => {
    localStorage.setItem(LANG_KEY, next);
    setLangState(next);
  }, []);

  const knownEvents = useSyncExternalStore(eventNamesStore.subscribe, eventNamesStore.version);
  const value = useMemo<I18n | null>(() => {
    const dict: Dictionary | null = lang === 'vi' ? vi : english;
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
        const names = LABELS[group][code];
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
    };
  }, [lang, english, setLang, knownEvents]);

  // English chosen on this device: nothing is shown until its dictionary has come (one small file).
  return value && <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
