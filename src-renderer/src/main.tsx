import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { setDisplayLocale } from './local-clock';
import { localeFromSearch } from '../../src-main/shared/locale';
import './styles.css';

// One locale for every date and time the window writes: the app's, which main passes in the page's
// address (?locale=, from app.getLocale(); shared/locale.ts); else the window's own language.
setDisplayLocale(localeFromSearch(window.location.search) ?? (navigator.language || undefined));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
