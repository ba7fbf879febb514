import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { reportError } from './store/appStore';
import './styles.css';

window.addEventListener('error', (e) => reportError('Unexpected error', e.error ?? e.message));
window.addEventListener('unhandledrejection', (e) => reportError('Unexpected error', e.reason));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
