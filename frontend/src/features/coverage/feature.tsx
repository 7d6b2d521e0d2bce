import { FundOutlined } from '@ant-design/icons';
import { everyone, lazyPage, type Feature } from '../../app/feature';

export const feature: Feature = {
  routes: [{ path: 'coverage', lazy: lazyPage(() => import('./CoveragePage'), 'CoveragePage') }],
  menu: [{ key: 'coverage', path: '/coverage', labelKey: 'menu.coverage', icon: <FundOutlined aria-hidden />, visible: everyone, order: 40 }],
};
