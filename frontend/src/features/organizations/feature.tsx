import { BankOutlined } from '@ant-design/icons';
import { everyone, lazyPage, type Feature } from '../../app/feature';
import { canRegisterOrganizations } from '../../session/roles';

export const feature: Feature = {
  routes: [
    { path: 'organizations', lazy: lazyPage(() => import('./OrganizationsPage'), 'OrganizationsPage') },
    { path: 'organizations/import', lazy: lazyPage(() => import('./ImportPage'), 'ImportPage', canRegisterOrganizations) },
    { path: 'organizations/:id', lazy: lazyPage(() => import('./OrganizationDetailPage'), 'OrganizationDetailPage') },
  ],
  menu: [
    { key: 'organizations', path: '/organizations', labelKey: 'menu.organizations', icon: <BankOutlined aria-hidden />, visible: everyone, order: 50 },
  ],
};
