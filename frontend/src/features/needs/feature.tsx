import { SolutionOutlined } from '@ant-design/icons';
import { everyone, lazyPage, type Feature } from '../../app/feature';

export const feature: Feature = {
  routes: [
    { path: 'needs', lazy: lazyPage(() => import('./NeedsPage'), 'NeedsPage') },
    { path: 'needs/:id', lazy: lazyPage(() => import('./NeedDetailPage'), 'NeedDetailPage') },
  ],
  menu: [{ key: 'needs', path: '/needs', labelKey: 'menu.needs', icon: <SolutionOutlined aria-hidden />, visible: everyone, order: 70 }],
};
