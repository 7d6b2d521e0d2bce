import { ApartmentOutlined, AuditOutlined, ScheduleOutlined } from '@ant-design/icons';
import { lazyPage, type Feature, type MenuGroup } from '../../app/feature';
import { canManageEvaluation } from '../../session/roles';

/** 评估评价: one submenu for national admins. */
const group: MenuGroup = { key: 'evaluation', labelKey: 'evaluation.menu', icon: <AuditOutlined aria-hidden /> };

// indicator frameworks (指标体系) and evaluation rounds (评估轮次) with their results. The read
// pages are open to every role (the server shows each what it may see: frameworks in use,
// published rounds and one's own results); writing is for national admins.
export const feature: Feature = {
  routes: [
    { path: 'evaluation/frameworks', lazy: lazyPage(() => import('./FrameworksPage'), 'FrameworksPage') },
    { path: 'evaluation/frameworks/new', lazy: lazyPage(() => import('./FrameworkPage'), 'FrameworkPage', canManageEvaluation) },
    { path: 'evaluation/frameworks/:id', lazy: lazyPage(() => import('./FrameworkPage'), 'FrameworkPage') },
    { path: 'evaluation/rounds', lazy: lazyPage(() => import('./RoundsPage'), 'RoundsPage') },
    { path: 'evaluation/rounds/new', lazy: lazyPage(() => import('./RoundWizardPage'), 'RoundWizardPage', canManageEvaluation) },
    { path: 'evaluation/rounds/:id', lazy: lazyPage(() => import('./RoundPage'), 'RoundPage') },
    { path: 'evaluation/rounds/:id/results/:subjectId', lazy: lazyPage(() => import('./SubjectResultPage'), 'SubjectResultPage') },
  ],
  menu: [
    {
      key: 'evaluation-frameworks',
      path: '/evaluation/frameworks',
      labelKey: 'evaluation.framework.menu',
      icon: <ApartmentOutlined aria-hidden />,
      visible: canManageEvaluation,
      order: 122,
      group,
    },
    {
      key: 'evaluation-rounds',
      path: '/evaluation/rounds',
      labelKey: 'evaluation.round.menu',
      icon: <ScheduleOutlined aria-hidden />,
      visible: canManageEvaluation,
      order: 123,
      group,
    },
  ],
};
