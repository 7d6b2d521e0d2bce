import { HomeOutlined } from '@ant-design/icons';
import { everyone, lazyPage, type Feature } from '../../app/feature';

// `/` is the home dashboard (首页) of every role: the index route of the signed-in shell.
export const feature: Feature = {
  routes: [{ index: true, lazy: lazyPage(() => import('./HomePage'), 'HomePage') }],
  menu: [{ key: 'home', path: '/', labelKey: 'home.menu', icon: <HomeOutlined aria-hidden />, visible: everyone, order: 0 }],
};
