import { NodeIndexOutlined } from '@ant-design/icons';
import { everyone, lazyPage, type Feature } from '../../app/feature';

export const feature: Feature = {
  routes: [
    { path: 'pairings', lazy: lazyPage(() => import('./PairingsPage'), 'PairingsPage') },
    { path: 'pairings/new', lazy: lazyPage(() => import('./CreatePairingPage'), 'CreatePairingPage') },
    { path: 'pairings/:id', lazy: lazyPage(() => import('./PairingDetailPage'), 'PairingDetailPage') },
  ],
  menu: [{ key: 'pairings', path: '/pairings', labelKey: 'menu.pairings', icon: <NodeIndexOutlined aria-hidden />, visible: everyone, order: 60 }],
};
