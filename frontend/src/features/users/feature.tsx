import { TeamOutlined } from '@ant-design/icons';
import { guarded, type Feature } from '../../app/feature';
import { canManageUsers } from '../../session/roles';
import { UsersPage } from './UsersPage';

export const feature: Feature = {
  routes: [{ path: 'users', element: guarded(canManageUsers, <UsersPage />) }],
  menu: [{ key: 'users', path: '/users', labelKey: 'menu.users', icon: <TeamOutlined aria-hidden />, visible: canManageUsers, order: 900 }],
};
