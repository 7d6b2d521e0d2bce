import { ProjectOutlined } from '@ant-design/icons';
import { everyone, lazyPage, type Feature } from '../../app/feature';
import { canCreateProjects } from '../../session/roles';

export const feature: Feature = {
  routes: [
    { path: 'projects', lazy: lazyPage(() => import('./ProjectsPage'), 'ProjectsPage') },
    { path: 'projects/new', lazy: lazyPage(() => import('./CreateProjectPage'), 'CreateProjectPage', canCreateProjects) },
    { path: 'projects/:id', lazy: lazyPage(() => import('./ProjectDetailPage'), 'ProjectDetailPage') },
  ],
  menu: [{ key: 'projects', path: '/projects', labelKey: 'menu.projects', icon: <ProjectOutlined aria-hidden />, visible: everyone, order: 80 }],
};
