import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import zhCN from './zh-CN';
import en from './en';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const LANGUAGE_KEY = 'zhuxiang.language';

export function storedLanguage(): Language {
  try {
    const v = localStorage.getItem(LANGUAGE_KEY);
    return v === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

/** The UI language, also sent to the API as `Accept-Language` so server messages match the UI. */
export function currentLanguage(): Language {
  return i18n.language?.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}

export function setLanguage(lang: Language): Promise<unknown> {
  try {
    localStorage.setItem(LANGUAGE_KEY, lang);
  } catch {
    // storage may be unavailable (private mode); the switch still works for this page
  }
  document.documentElement.lang = lang;
  return i18n.changeLanguage(lang);
}

export const resources = {
  'zh-CN': { translation: zhCN },
  en: { translation: en },
} as const;

void i18n.use(initReactI18next).init({
  resources,
  lng: storedLanguage(),
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
  returnNull: false,
});

export default i18n;
