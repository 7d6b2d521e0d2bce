import { createBrowserRouter } from 'react-router';
import { LoadingState, NotFoundState } from '../components/states';
import { FEATURES } from './features';
import { RequireAuth } from './guards';
import { Shell } from './Shell';

// The routes are the features' own (each folder's feature.tsx); this file only frames them. The
// index route `/` is the home dashboard's (features/home).
export const router = createBrowserRouter([
  {
    // what shows while the first page's code loads on a fresh start (its route is lazy)
    HydrateFallback: () => <LoadingState fullscreen />,
    children: [
      ...FEATURES.flatMap((f) => f.publicRoutes ?? []),
      {
        path: '/',
        element: (
          <RequireAuth>
            <Shell />
          </RequireAuth>
        ),
        children: [
          ...FEATURES.flatMap((f) => f.routes ?? []),
          { path: '*', element: <NotFoundState /> },
        ],
      },
    ],
  },
]);
