import { ApiOutlined } from '@ant-design/icons';
import { guarded, type Feature } from '../../app/feature';
import { canManageApiTokens } from '../../session/roles';
import { WebhooksPage } from './WebhooksPage';

/** Webhooks are managed by whoever issues API tokens, under the same rule. */
export const feature: Feature = {
  routes: [{ path: 'webhooks', element: guarded(canManageApiTokens, <WebhooksPage />) }],
  menu: [
    { key: 'webhooks', path: '/webhooks', labelKey: 'menu.webhooks', icon: <ApiOutlined aria-hidden />, visible: canManageApiTokens, order: 915 },
  ],
};
