import { BarChartOutlined } from '@ant-design/icons';
import { everyone, lazyPage, type Feature } from '../../app/feature';

export const feature: Feature = {
  // every role reads statistics; the server answers over the caller's scope
  routes: [{ path: 'statistics', lazy: lazyPage(() => import('./StatisticsPage'), 'StatisticsPage') }],
  menu: [
    { key: 'statistics', path: '/statistics', labelKey: 'statistics.menu', icon: <BarChartOutlined aria-hidden />, visible: everyone, order: 35 },
  ],
};
