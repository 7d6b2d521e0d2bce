import { BookOutlined, FileSearchOutlined } from '@ant-design/icons';
import { everyone, lazyPage, type Feature } from '../../app/feature';
import { canReviewCases, canWriteCases } from '../../session/roles';

// case collections (案例征集) and cases (典型案例)
export const feature: Feature = {
  routes: [
    { path: 'case-collections', lazy: lazyPage(() => import('./CollectionsPage'), 'CollectionsPage') },
    { path: 'cases', lazy: lazyPage(() => import('./CasesPage'), 'CasesPage') },
    { path: 'cases/new', lazy: lazyPage(() => import('./CaseFormPage'), 'CaseFormPage', canWriteCases) },
    { path: 'cases/review', lazy: lazyPage(() => import('./ReviewPage'), 'ReviewPage', canReviewCases) },
    { path: 'cases/:id', lazy: lazyPage(() => import('./CaseDetailPage'), 'CaseDetailPage') },
    { path: 'cases/:id/edit', lazy: lazyPage(() => import('./CaseFormPage'), 'CaseFormPage') },
  ],
  menu: [
    { key: 'case-collections', path: '/case-collections', labelKey: 'collections.menu', icon: <FileSearchOutlined aria-hidden />, visible: everyone, order: 110 },
    { key: 'cases', path: '/cases', labelKey: 'cases.menu', icon: <BookOutlined aria-hidden />, visible: everyone, order: 120 },
  ],
};
