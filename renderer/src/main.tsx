import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectApi } from './api/client';
import { ApiProvider } from './api/context';
import { App } from './app';
import { StartupGate } from './components/startup-gate';
import './styles.css';
import './screens.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <ApiProvider api={connectApi()}>
      <StartupGate>
        <App />
      </StartupGate>
    </ApiProvider>
  </StrictMode>,
);
