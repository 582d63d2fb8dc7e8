import { StrictMode } from 'react';
import { App } from './App';
import { AuthProvider } from './auth';
import { I18nProvider } from './i18n';

/** The whole console: what main.tsx renders (or hydrates), and what the build pre-renders (prerender.tsx). */
export function Console() {
  return (
    <StrictMode>
      <I18nProvider>
        <AuthProvider>
          <App />
        </AuthProvider>
      </I18nProvider>
    </StrictMode>
  );
}
