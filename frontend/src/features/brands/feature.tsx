import { TrophyOutlined } from '@ant-design/icons';
import { everyone, lazyPage, type Feature } from '../../app/feature';
import { canRegisterBrands } from '../../session/roles';

export const feature: Feature = {
  routes: [
    { path: 'brands', lazy: lazyPage(() => import('./BrandsPage'), 'BrandsPage') },
    { path: 'brands/new', lazy: lazyPage(() => import('./CreateBrandPage'), 'CreateBrandPage', canRegisterBrands) },
    { path: 'brands/:id', lazy: lazyPage(() => import('./BrandDetailPage'), 'BrandDetailPage') },
  ],
  menu: [{ key: 'brands', path: '/brands', labelKey: 'menu.brands', icon: <TrophyOutlined aria-hidden />, visible: everyone, order: 90 }],
};
