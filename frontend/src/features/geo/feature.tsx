import { EnvironmentOutlined, FlagOutlined, GlobalOutlined } from '@ant-design/icons';
import { everyone, type Feature } from '../../app/feature';
import { CountiesPage } from './CountiesPage';
import { CountyDetailPage } from './CountyDetailPage';
import { KeyCountiesPage } from './KeyCountiesPage';
import { ProvincesPage } from './ProvincesPage';

// The reference pages are small and read by every role first, so they stay in the main bundle.
export const feature: Feature = {
  routes: [
    { path: 'provinces', element: <ProvincesPage /> },
    { path: 'counties', element: <CountiesPage /> },
    { path: 'counties/:code', element: <CountyDetailPage /> },
    { path: 'key-counties', element: <KeyCountiesPage /> },
  ],
  menu: [
    { key: 'provinces', path: '/provinces', labelKey: 'menu.provinces', icon: <GlobalOutlined aria-hidden />, visible: everyone, order: 10 },
    { key: 'counties', path: '/counties', labelKey: 'menu.counties', icon: <EnvironmentOutlined aria-hidden />, visible: everyone, order: 20 },
    { key: 'key-counties', path: '/key-counties', labelKey: 'menu.keyCounties', icon: <FlagOutlined aria-hidden />, visible: everyone, order: 30 },
  ],
};
