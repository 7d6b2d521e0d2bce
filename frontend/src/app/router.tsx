import type { ComponentType } from 'react';
import { createBrowserRouter } from 'react-router';
import { LoginPage } from '../features/auth/LoginPage';
import { ProvincesPage } from '../features/geo/ProvincesPage';
import { CountiesPage } from '../features/geo/CountiesPage';
import { CountyDetailPage } from '../features/geo/CountyDetailPage';
import { KeyCountiesPage } from '../features/geo/KeyCountiesPage';
import { UsersPage } from '../features/users/UsersPage';
import { ApiTokensPage } from '../features/tokens/ApiTokensPage';
import { AuditLogPage } from '../features/audit/AuditLogPage';
import { NotFoundState } from '../components/states';
import { canCreateProjects, canManageApiTokens, canRegisterBrands, canManageUsers, canReadAuditLog, canRegisterOrganizations } from '../session/roles';
import { canReviewCases, canWriteCases } from '../session/roles';
import type { Role } from '../api/types';
import { Landing, LoginGate, RequireAuth, RequireRole } from './guards';
import { Shell } from './Shell';

/** A route.lazy loader for a page component exported by name, behind a role check when given. */
function page<M, K extends keyof M>(load: () => Promise<M>, name: K & (M[K] extends ComponentType ? K : never), allowed?: (role: Role) => boolean) {
  return async () => {
    const Page = (await load())[name] as ComponentType;
    return {
      Component: allowed
        ? () => (
            <RequireRole allowed={allowed}>
              <Page />
            </RequireRole>
          )
        : Page,
    };
  };
}

export const router = createBrowserRouter([
  {
    path: '/login',
    element: (
      <LoginGate>
        <LoginPage />
      </LoginGate>
    ),
  },
  // 典型宣传: the public showcase, for everyone, signed in or not
  { path: '/showcase', lazy: page(() => import('../features/showcase/ShowcasePage'), 'ShowcasePage') },
  {
    path: '/',
    element: (
      <RequireAuth>
        <Shell />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <Landing /> },
      { path: 'provinces', element: <ProvincesPage /> },
      { path: 'counties', element: <CountiesPage /> },
      { path: 'counties/:code', element: <CountyDetailPage /> },
      { path: 'key-counties', element: <KeyCountiesPage /> },
      // the pages of organizations, pairings, coverage, needs, projects, brands and campaigns load on first visit (route.lazy),
      // so ECharts, the map and their forms stay out of the main bundle
      { path: 'organizations', lazy: page(() => import('../features/organizations/OrganizationsPage'), 'OrganizationsPage') },
      {
        path: 'organizations/import',
        lazy: page(() => import('../features/organizations/ImportPage'), 'ImportPage', canRegisterOrganizations),
      },
      {
        path: 'organizations/:id',
        lazy: page(() => import('../features/organizations/OrganizationDetailPage'), 'OrganizationDetailPage'),
      },
      { path: 'pairings', lazy: page(() => import('../features/pairings/PairingsPage'), 'PairingsPage') },
      { path: 'pairings/new', lazy: page(() => import('../features/pairings/CreatePairingPage'), 'CreatePairingPage') },
      { path: 'pairings/:id', lazy: page(() => import('../features/pairings/PairingDetailPage'), 'PairingDetailPage') },
      { path: 'coverage', lazy: page(() => import('../features/coverage/CoveragePage'), 'CoveragePage') },
      { path: 'projects', lazy: page(() => import('../features/projects/ProjectsPage'), 'ProjectsPage') },
      { path: 'projects/new', lazy: page(() => import('../features/projects/CreateProjectPage'), 'CreateProjectPage', canCreateProjects) },
      { path: 'projects/:id', lazy: page(() => import('../features/projects/ProjectDetailPage'), 'ProjectDetailPage') },
      { path: 'brands', lazy: page(() => import('../features/brands/BrandsPage'), 'BrandsPage') },
      { path: 'brands/new', lazy: page(() => import('../features/brands/CreateBrandPage'), 'CreateBrandPage', canRegisterBrands) },
      { path: 'brands/:id', lazy: page(() => import('../features/brands/BrandDetailPage'), 'BrandDetailPage') },
      { path: 'campaigns', lazy: page(() => import('../features/campaigns/CampaignsPage'), 'CampaignsPage') },
      { path: 'campaigns/:id', lazy: page(() => import('../features/campaigns/CampaignDetailPage'), 'CampaignDetailPage') },
      { path: 'needs', lazy: page(() => import('../features/needs/NeedsPage'), 'NeedsPage') },
      { path: 'needs/:id', lazy: page(() => import('../features/needs/NeedDetailPage'), 'NeedDetailPage') },
      // case collections (案例征集) and cases (典型案例)
      { path: 'case-collections', lazy: page(() => import('../features/cases/CollectionsPage'), 'CollectionsPage') },
      { path: 'cases', lazy: page(() => import('../features/cases/CasesPage'), 'CasesPage') },
      { path: 'cases/new', lazy: page(() => import('../features/cases/CaseFormPage'), 'CaseFormPage', canWriteCases) },
      { path: 'cases/review', lazy: page(() => import('../features/cases/ReviewPage'), 'ReviewPage', canReviewCases) },
      { path: 'cases/:id', lazy: page(() => import('../features/cases/CaseDetailPage'), 'CaseDetailPage') },
      { path: 'cases/:id/edit', lazy: page(() => import('../features/cases/CaseFormPage'), 'CaseFormPage') },
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
