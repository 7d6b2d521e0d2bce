import { createBrowserRouter, Navigate } from 'react-router';
import { LoginPage } from '../features/auth/LoginPage';
import { ProvincesPage } from '../features/geo/ProvincesPage';
import { CountiesPage } from '../features/geo/CountiesPage';
import { CountyDetailPage } from '../features/geo/CountyDetailPage';
import { KeyCountiesPage } from '../features/geo/KeyCountiesPage';
import { UsersPage } from '../features/users/UsersPage';
import { ApiTokensPage } from '../features/tokens/ApiTokensPage';
import { AuditLogPage } from '../features/audit/AuditLogPage';
import { NotFoundState } from '../components/states';
import { canManageApiTokens, canManageUsers, canReadAuditLog } from '../session/roles';
import { LoginGate, RequireAuth, RequireRole } from './guards';
import { Shell } from './Shell';

export const router = createBrowserRouter([
  {
    path: '/login',
    element: (
      <LoginGate>
        <LoginPage />
      </LoginGate>
    ),
  },
  {
    path: '/',
    element: (
      <RequireAuth>
        <Shell />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <Navigate to="/counties" replace /> },
      { path: 'provinces', element: <ProvincesPage /> },
      { path: 'counties', element: <CountiesPage /> },
      { path: 'counties/:code', element: <CountyDetailPage /> },
      { path: 'key-counties', element: <KeyCountiesPage /> },
      {
        path: 'users',
        element: (
          <RequireRole allowed={canManageUsers}>
            <UsersPage />
          </RequireRole>
        ),
      },
      {
        path: 'api-tokens',
        element: (
          <RequireRole allowed={canManageApiTokens}>
            <ApiTokensPage />
          </RequireRole>
        ),
      },
      {
        path: 'audit',
        element: (
          <RequireRole allowed={canReadAuditLog}>
            <AuditLogPage />
          </RequireRole>
        ),
      },
      { path: '*', element: <NotFoundState /> },
    ],
  },
]);
