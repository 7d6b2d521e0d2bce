import { FormOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { lazyPage, type Feature } from '../../app/feature';
import { isEvaluator } from '../../session/roles';

// 评审: an expert's worklist, scoring sheets and declared ties (conflict of interest)
export const feature: Feature = {
  routes: [
    { path: 'scoring', lazy: lazyPage(() => import('./WorklistPage'), 'WorklistPage', isEvaluator) },
    { path: 'scoring/ties', lazy: lazyPage(() => import('./TiesPage'), 'TiesPage', isEvaluator) },
    // a national admin may open a sheet too (read-only): the server decides who sees it
    { path: 'scoring/:assignmentId', lazy: lazyPage(() => import('./ScoringPage'), 'ScoringPage') },
  ],
  menu: [
    { key: 'scoring', path: '/scoring', labelKey: 'scoring.menu', icon: <FormOutlined aria-hidden />, visible: isEvaluator, order: 130 },
    { key: 'scoring-ties', path: '/scoring/ties', labelKey: 'scoring.ties.menu', icon: <SafetyCertificateOutlined aria-hidden />, visible: isEvaluator, order: 131 },
  ],
};
