import type { ReactNode } from 'react';
import {
  AuditOutlined,
  BookOutlined,
  FileSearchOutlined,
  CarOutlined,
  ProjectOutlined,
  BankOutlined,
  EnvironmentOutlined,
  FlagOutlined,
  FundOutlined,
  GlobalOutlined,
  KeyOutlined,
  NodeIndexOutlined,
  SolutionOutlined,
  TeamOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import type { Role } from '../api/types';
import { canManageApiTokens, canManageUsers, canReadAuditLog } from '../session/roles';

export interface MenuEntry {
  key: string;
  path: string;
  labelKey: string;
  icon: ReactNode;
  visible: (role: Role) => boolean;
}

const everyone = () => true;

export const MENU: MenuEntry[] = [
  { key: 'provinces', path: '/provinces', labelKey: 'menu.provinces', icon: <GlobalOutlined aria-hidden />, visible: everyone },
  { key: 'counties', path: '/counties', labelKey: 'menu.counties', icon: <EnvironmentOutlined aria-hidden />, visible: everyone },
  { key: 'key-counties', path: '/key-counties', labelKey: 'menu.keyCounties', icon: <FlagOutlined aria-hidden />, visible: everyone },
  { key: 'coverage', path: '/coverage', labelKey: 'menu.coverage', icon: <FundOutlined aria-hidden />, visible: everyone },
  { key: 'organizations', path: '/organizations', labelKey: 'menu.organizations', icon: <BankOutlined aria-hidden />, visible: everyone },
  { key: 'pairings', path: '/pairings', labelKey: 'menu.pairings', icon: <NodeIndexOutlined aria-hidden />, visible: everyone },
  { key: 'needs', path: '/needs', labelKey: 'menu.needs', icon: <SolutionOutlined aria-hidden />, visible: everyone },
  { key: 'projects', path: '/projects', labelKey: 'menu.projects', icon: <ProjectOutlined aria-hidden />, visible: everyone },
  { key: 'brands', path: '/brands', labelKey: 'menu.brands', icon: <TrophyOutlined aria-hidden />, visible: everyone },
  { key: 'campaigns', path: '/campaigns', labelKey: 'menu.campaigns', icon: <CarOutlined aria-hidden />, visible: everyone },
  { key: 'case-collections', path: '/case-collections', labelKey: 'collections.menu', icon: <FileSearchOutlined aria-hidden />, visible: everyone },
  { key: 'cases', path: '/cases', labelKey: 'cases.menu', icon: <BookOutlined aria-hidden />, visible: everyone },
  { key: 'users', path: '/users', labelKey: 'menu.users', icon: <TeamOutlined aria-hidden />, visible: canManageUsers },
  { key: 'api-tokens', path: '/api-tokens', labelKey: 'menu.apiTokens', icon: <KeyOutlined aria-hidden />, visible: canManageApiTokens },
  { key: 'audit', path: '/audit', labelKey: 'menu.audit', icon: <AuditOutlined aria-hidden />, visible: canReadAuditLog },
];

/** The menu entries a role may use. */
export function menuFor(role: Role): MenuEntry[] {
  return MENU.filter((m) => m.visible(role));
}

/** Which entry a location belongs to (/counties/513431 → counties). */
export function selectedKey(pathname: string): string | undefined {
  return MENU.find((m) => pathname === m.path || pathname.startsWith(`${m.path}/`))?.key;
}
