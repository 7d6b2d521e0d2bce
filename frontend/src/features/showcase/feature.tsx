import { lazyPage, type Feature } from '../../app/feature';

export const feature: Feature = {
  // 典型宣传: the public showcase, for everyone, signed in or not
  publicRoutes: [{ path: '/showcase', lazy: lazyPage(() => import('./ShowcasePage'), 'ShowcasePage') }],
};
