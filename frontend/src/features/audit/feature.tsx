import { AuditOutlined } from '@ant-design/icons';
import { guarded, type Feature } from '../../app/feature';
import { canReadAuditLog } from '../../session/roles';
import { AuditLogPage } from './AuditLogPage';

export const feature: Feature = {
  routes: [{ path: 'audit', element: guarded(canReadAuditLog, <AuditLogPage />) }],
  menu: [{ key: 'audit', path: '/audit', labelKey: 'menu.audit', icon: <AuditOutlined aria-hidden />, visible: canReadAuditLog, order: 920 }],
};
