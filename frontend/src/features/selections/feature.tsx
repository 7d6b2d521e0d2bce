import { CrownOutlined } from '@ant-design/icons';
import { everyone, lazyPage, type Feature } from '../../app/feature';

// 选树: the yearly selections of outstanding organizations and well-known brands
export const feature: Feature = {
  routes: [
    { path: 'selections', lazy: lazyPage(() => import('./SelectionsPage'), 'SelectionsPage') },
    { path: 'selections/:id', lazy: lazyPage(() => import('./SelectionBoardPage'), 'SelectionBoardPage') },
  ],
  menu: [{ key: 'selections', path: '/selections', labelKey: 'selections.menu', icon: <CrownOutlined aria-hidden />, visible: everyone, order: 125 }],
};
