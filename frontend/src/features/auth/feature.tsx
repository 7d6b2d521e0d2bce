import type { Feature } from '../../app/feature';
import { LoginGate } from '../../app/guards';
import { LoginPage } from './LoginPage';

export const feature: Feature = {
  publicRoutes: [
    {
      path: '/login',
      element: (
        <LoginGate>
          <LoginPage />
        </LoginGate>
      ),
    },
  ],
};
