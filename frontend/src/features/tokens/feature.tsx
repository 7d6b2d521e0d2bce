import { KeyOutlined } from '@ant-design/icons';
import { guarded, type Feature } from '../../app/feature';
import { canManageApiTokens } from '../../session/roles';
import { ApiTokensPage } from './ApiTokensPage';

export const feature: Feature = {
  routes: [{ path: 'api-tokens', element: guarded(canManageApiTokens, <ApiTokensPage />) }],
  menu: [
    { key: 'api-tokens', path: '/api-tokens', labelKey: 'menu.apiTokens', icon: <KeyOutlined aria-hidden />, visible: canManageApiTokens, order: 910 },
  ],
};
