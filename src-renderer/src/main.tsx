import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { setDisplayLocale } from './local-clock';
import './styles.css';

// One locale for every date and time the window writes: the app's (Electron gives the window
// navigator.language from app.getLocale(), the locale its date and time inputs are drawn in too).
setDisplayLocale(navigator.language || undefined);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
