import { createBrowserRouter } from 'react-router';
import { NotFoundState } from '../components/states';
import { FEATURES } from './features';
import { Landing, RequireAuth } from './guards';
import { Shell } from './Shell';

// The routes are the features' own (each folder's feature.tsx); this file only frames them.
export const router = createBrowserRouter([
  ...FEATURES.flatMap((f) => f.publicRoutes ?? []),
  {
    path: '/',
    element: (
      <RequireAuth>
        <Shell />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <Landing /> },
      ...FEATURES.flatMap((f) => f.routes ?? []),
      { path: '*', element: <NotFoundState /> },
    ],
  },
]);
