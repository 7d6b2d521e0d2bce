import { lazyPage, type Feature } from '../../app/feature';
import { NotificationBell } from './NotificationBell';

// 我的通知: what waits for the signed-in person. The bell in the header leads to the page, so the
// side menu has no entry of its own.
export const feature: Feature = {
  routes: [{ path: 'notifications', lazy: lazyPage(() => import('./NotificationsPage'), 'NotificationsPage') }],
  header: [{ key: 'notifications', order: 10, Component: NotificationBell }],
};
