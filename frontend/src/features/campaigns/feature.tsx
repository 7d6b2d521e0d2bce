import { CarOutlined } from '@ant-design/icons';
import { everyone, lazyPage, type Feature } from '../../app/feature';

export const feature: Feature = {
  routes: [
    { path: 'campaigns', lazy: lazyPage(() => import('./CampaignsPage'), 'CampaignsPage') },
    { path: 'campaigns/:id', lazy: lazyPage(() => import('./CampaignDetailPage'), 'CampaignDetailPage') },
  ],
  menu: [{ key: 'campaigns', path: '/campaigns', labelKey: 'menu.campaigns', icon: <CarOutlined aria-hidden />, visible: everyone, order: 100 }],
};
